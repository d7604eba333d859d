#!/bin/sh
# Remove what install.sh put in place (listed in PREFIX/lib/budgetwright/INSTALLED), and
# the caches rebuilt from it. Your plans (~/.local/share/Budgetwright) are kept.
set -eu

lib=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
if [ "$(basename -- "$lib")" != budgetwright ] || [ ! -f "$lib/INSTALLED" ]; then
    PREFIX=${PREFIX:-"$HOME/.local"}
    lib="$PREFIX/lib/budgetwright"
fi
manifest="$lib/INSTALLED"
if [ ! -f "$manifest" ]; then
    echo "uninstall.sh: no Budgetwright installed in $lib" >&2
    exit 2
fi
share="$(dirname -- "$(dirname -- "$lib")")/share"

dirs=$(sed -n 's/^dir //p' "$manifest")
sed -n 's/^file //p' "$manifest" | while IFS= read -r f; do rm -f -- "$f"; done
rm -rf -- "$lib"

# Caches of what is left; a cache of nothing (no package, no desktop entry) goes too.
if [ -d "$share/mime" ]; then
    if [ -z "$(ls -A "$share/mime/packages" 2>/dev/null)" ]; then
        find "$share/mime" -mindepth 1 -maxdepth 1 ! -name packages -exec rm -rf -- {} +
    elif command -v update-mime-database >/dev/null 2>&1; then
        update-mime-database "$share/mime" || true
    fi
fi
if [ -d "$share/applications" ]; then
    if ! ls "$share/applications"/*.desktop >/dev/null 2>&1; then
        rm -f -- "$share/applications/mimeinfo.cache"
    elif command -v update-desktop-database >/dev/null 2>&1; then
        update-desktop-database "$share/applications" || true
    fi
fi
if [ -f "$share/icons/hicolor/index.theme" ] && command -v gtk-update-icon-cache >/dev/null 2>&1; then
    gtk-update-icon-cache -q "$share/icons/hicolor" 2>/dev/null || true
fi

# Folders install.sh made, if they are empty now (deepest first)
printf '%s\n' "$dirs" | while IFS= read -r d; do
    [ -n "$d" ] && rmdir -- "$d" 2>/dev/null || true
done

[ "${1:-}" = "--quiet" ] || echo "Budgetwright removed (your plans are kept)."
