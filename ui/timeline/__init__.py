"""The timeline (a Gantt view of phases and lines) and the dock that holds it."""
