#!/bin/sh
# Install Budgetwright for this user (no root, no Python needed).
#
#   ./install.sh            installs under ~/.local (PREFIX=/some/where to choose)
#
# What it writes, and nothing else (uninstall.sh removes exactly these; your plans in
# ~/.local/share/Budgetwright are never touched):
#   PREFIX/lib/budgetwright/                      the program (this folder's budgetwright/)
#   PREFIX/bin/budgetwright                       the launcher
#   PREFIX/share/applications/org.budgetwright.Budgetwright.desktop
#   PREFIX/share/metainfo/org.budgetwright.Budgetwright.metainfo.xml
#   PREFIX/share/mime/packages/org.budgetwright.Budgetwright.xml   (*.budget.json)
#   PREFIX/share/icons/hicolor/*/apps/org.budgetwright.Budgetwright.{png,svg}
# plus the caches the desktop rebuilds from them (MIME database, desktop database).
set -eu

here=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
PREFIX=${PREFIX:-"$HOME/.local"}
ID=org.budgetwright.Budgetwright
lib="$PREFIX/lib/budgetwright"
share="$PREFIX/share"
manifest="$lib/INSTALLED"

if [ ! -x "$here/budgetwright/budgetwright" ]; then
    echo "install.sh: run me from the unpacked Budgetwright folder" >&2
    exit 2
fi
if [ -e "$lib" ]; then
    if [ -f "$manifest" ]; then
        "$lib/uninstall.sh" --quiet
    else
        echo "install.sh: $lib exists and is not a Budgetwright install; move it away first" >&2
        exit 2
    fi
fi

created=""
make_dir() {  # mkdir -p, remembering each folder made here so uninstall can remove it
    missing=""
    d=$1
    while [ ! -d "$d" ]; do
        missing="$d
$missing"
        d=$(dirname -- "$d")
    done
    mkdir -p -- "$1"
    created="$created$missing"
}
put() {  # put SOURCE TARGET MODE
    make_dir "$(dirname -- "$2")"
    cp -- "$1" "$2"
    chmod "$3" "$2"
    files="$files$2
"
}

files=""
make_dir "$PREFIX/lib"
cp -R -- "$here/budgetwright" "$lib"
cp -- "$here/uninstall.sh" "$lib/uninstall.sh"
chmod 755 "$lib/uninstall.sh"

make_dir "$PREFIX/bin"
launcher="$PREFIX/bin/budgetwright"
printf '#!/bin/sh\nexec "%s/budgetwright" "$@"\n' "$lib" > "$launcher"
chmod 755 "$launcher"
files="$files$launcher
"

desktop="$share/applications/$ID.desktop"
make_dir "$share/applications"
# The launcher by its full path: ~/.local/bin is not on every desktop session's PATH
sed "s|^Exec=budgetwright|Exec=$launcher|" "$here/share/$ID.desktop" > "$desktop"
chmod 644 "$desktop"
files="$files$desktop
"
put "$here/share/$ID.metainfo.xml" "$share/metainfo/$ID.metainfo.xml" 644
put "$here/share/$ID.mime.xml" "$share/mime/packages/$ID.xml" 644
for png in "$here"/share/icons/*.png; do
    size=$(basename "$png" .png)
    put "$png" "$share/icons/hicolor/${size}x${size}/apps/$ID.png" 644
done
put "$here/share/icons/$ID.svg" "$share/icons/hicolor/scalable/apps/$ID.svg" 644

# The manifest: files first, then folders deepest first (uninstall.sh reads it)
{
    printf '%s' "$files" | sed '/^$/d; s/^/file /'
    printf '%s' "$created" | sed '/^$/d' | awk '{ print length($0) " " $0 }' \
        | sort -rn | cut -d' ' -f2- | sed 's/^/dir /'
} > "$manifest"

command -v update-mime-database >/dev/null 2>&1 && update-mime-database "$share/mime" || true
command -v update-desktop-database >/dev/null 2>&1 \
    && update-desktop-database "$share/applications" || true
if [ -f "$share/icons/hicolor/index.theme" ] && command -v gtk-update-icon-cache >/dev/null 2>&1; then
    gtk-update-icon-cache -q "$share/icons/hicolor" 2>/dev/null || true
fi

[ "${1:-}" = "--quiet" ] || echo "Budgetwright installed: run budgetwright, or find it in the applications menu."
