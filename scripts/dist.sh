#!/usr/bin/env bash
# Builds and checks the release archives (`make dist`).
#
#   scripts/dist.sh [--check-only]
#
# Writes dist/maliatlas-linux-amd64.tar.xz (made by `fyne package`: the binary,
# the .desktop file, the icon and the Makefile that installs them) and
# dist/maliatlas-windows-amd64.zip (maliatlas.exe cross-compiled with
# mingw-w64, with the app icon and version metadata, plus README and credits).
# Then checks what it built:
#   - the Linux archive unpacks, its binary prints the version and passes the
#     Xvfb smoke test;
#   - the Windows executable runs under Wine for `export --out x.png` and
#     `briefing export --out h.pdf`, and its PNG matches the Linux binary's
#     within a small pixel tolerance;
#   - if Wine can open the window under Xvfb, a screenshot of it is saved.
# Everything it makes and compares is kept in dist/ and dist/check/.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

fail() {
	echo "dist: FAIL: $*" >&2
	exit 1
}
step() { echo "== dist: $*"; }

FYNE_TOOLS_VERSION=${FYNE_TOOLS_VERSION:-v1.7.4}
MINGW_CC=${MINGW_CC:-x86_64-w64-mingw32-gcc}
WINDRES=${WINDRES:-x86_64-w64-mingw32-windres}
# Pixels of the Windows PNG that may differ from the Linux one (of 800×600):
# the same Go renderer runs on both, so only font hinting could differ.
MAX_DIFF_PIXELS=${MAX_DIFF_PIXELS:-480}

meta() { sed -n "s/^ *$1 *= *\"\{0,1\}\([^\"]*\)\"\{0,1\} *$/\1/p" FyneApp.toml | head -1; }
NAME=$(meta Name)
VERSION=$(meta Version)
BUILD=$(meta Build)
[[ -n $NAME && -n $VERSION ]] || fail "FyneApp.toml has no Name or Version"

gobin=$(go env GOPATH)/bin
fyne=$gobin/fyne
have=$("$fyne" version 2>/dev/null || true)
if [[ $have != *"cli version: $FYNE_TOOLS_VERSION"* ]]; then
	step "installing the fyne tool $FYNE_TOOLS_VERSION (Go module proxy)"
	go install "fyne.io/tools/cmd/fyne@$FYNE_TOOLS_VERSION"
fi
command -v "$MINGW_CC" >/dev/null || fail "$MINGW_CC not found (make deps APT_EXTRA=gcc-mingw-w64-x86-64)"

mkdir -p dist
rm -rf dist/check dist/stage
mkdir -p dist/check dist/stage

# --- Linux -------------------------------------------------------------------
step "Linux: fyne package (version $VERSION, build $BUILD)"
go build ${BUILD_TAGS:+-tags "$BUILD_TAGS"} -ldflags "-s -w" -o dist/stage/maliatlas .
# fyne package rewrites the FyneApp.toml it reads (it counts builds up): the
# project's file is put back as committed afterwards.
cp FyneApp.toml dist/stage/FyneApp.toml.keep
trap 'cp dist/stage/FyneApp.toml.keep FyneApp.toml 2>/dev/null || true' EXIT
(cd dist/stage && "$fyne" package --os linux --release --executable maliatlas \
	--src "$OLDPWD" --icon "$OLDPWD/assets/icon.png" --app-build "$BUILD" </dev/null >/dev/null)
cp dist/stage/FyneApp.toml.keep FyneApp.toml
[[ -f dist/stage/maliatlas.tar.xz ]] || mv dist/stage/*.tar.xz dist/stage/maliatlas.tar.xz 2>/dev/null || true
[[ -f dist/stage/maliatlas.tar.xz ]] || fail "fyne package wrote no maliatlas.tar.xz"
mv dist/stage/maliatlas.tar.xz dist/maliatlas-linux-amd64.tar.xz

step "Linux: unpack and check"
mkdir -p dist/check/linux
tar -xJf dist/maliatlas-linux-amd64.tar.xz -C dist/check/linux
pkg=dist/check/linux/maliatlas # fyne package puts everything in one folder
for f in Makefile usr/local/bin/maliatlas "usr/local/share/applications/$(meta ID).desktop"; do
	[[ -e $pkg/$f ]] || fail "the Linux archive lacks $f ($(tar -tJf dist/maliatlas-linux-amd64.tar.xz | tr '\n' ' '))"
done
ls "$pkg"/usr/local/share/pixmaps/*.png >/dev/null 2>&1 || fail "the Linux archive has no icon"
grep -q "^Name=$NAME\$" "$pkg/usr/local/share/applications/$(meta ID).desktop" || fail "the .desktop file does not name the app '$NAME'"
lbin=$pkg/usr/local/bin/maliatlas
got=$("$lbin" --version)
[[ $got == "maliatlas $VERSION"* ]] || fail "'maliatlas --version' printed '$got', want $VERSION"
# The Makefile installs into a prefix of our choosing, as a user would.
make -s -C "$pkg" install DESTDIR="$PWD/dist/check/installed" PREFIX=/usr/local >dist/check/install.log 2>&1 ||
	fail "the Makefile in the Linux archive does not install: $(tail -3 dist/check/install.log)"
[[ -x dist/check/installed/usr/local/bin/maliatlas ]] || fail "'make install' put no binary in DESTDIR/usr/local/bin ($(find dist/check/installed | head))"
SMOKE_OUT=dist/check scripts/smoke.sh "$lbin"

# --- Windows -----------------------------------------------------------------
step "Windows: cross-compile with $MINGW_CC (icon and version resources by windres)"
rm -rf dist/stage/win && mkdir -p dist/stage/win
IFS=. read -r vmaj vmin vpatch <<<"$VERSION"
fv="${vmaj:-0},${vmin:-0},${vpatch:-0},${BUILD:-0}"
convert assets/icon.png -define icon:auto-resize=256,64,48,32,16 dist/stage/win/maliatlas.ico
cat >dist/stage/win/maliatlas.rc <<RC
1 ICON "maliatlas.ico"
1 VERSIONINFO
FILEVERSION $fv
PRODUCTVERSION $fv
FILEOS 0x40004
FILETYPE 0x1
BEGIN
  BLOCK "StringFileInfo"
  BEGIN
    BLOCK "040904B0"
    BEGIN
      VALUE "CompanyName", "Mali Routes Atlas"
      VALUE "FileDescription", "$NAME"
      VALUE "FileVersion", "$VERSION.$BUILD"
      VALUE "InternalName", "maliatlas"
      VALUE "LegalCopyright", "Data: OCHA, Natural Earth, GeoNames, OpenStreetMap contributors (ODbL), SRTM30_PLUS; see CREDITS.txt"
      VALUE "OriginalFilename", "maliatlas.exe"
      VALUE "ProductName", "$NAME"
      VALUE "ProductVersion", "$VERSION"
    END
  END
  BLOCK "VarFileInfo"
  BEGIN
    VALUE "Translation", 0x409, 1200
  END
END
RC
# Go links a .syso in the main package's folder; it is removed after the build.
syso=rsrc_windows_amd64.syso
trap 'rm -f "$syso"; cp dist/stage/FyneApp.toml.keep FyneApp.toml 2>/dev/null || true' EXIT
"$WINDRES" -O coff -I dist/stage/win -o "$syso" dist/stage/win/maliatlas.rc ||
	fail "windres could not compile the icon and version resources"
CC=$MINGW_CC CGO_ENABLED=1 GOOS=windows GOARCH=amd64 \
	go build ${BUILD_TAGS:+-tags "$BUILD_TAGS"} -ldflags "-H=windowsgui -s -w" -o dist/stage/win/maliatlas.exe .
rm -f "$syso"
# The version resource is really in the executable (its strings are UTF-16).
strings -el dist/stage/win/maliatlas.exe | grep -qx "$VERSION" || fail "maliatlas.exe has no version resource"
cp README.md dist/stage/win/README.md
cp assets/fonts/LICENSE-NotoSans.txt dist/stage/win/LICENSE-NotoSans.txt
# The data credits and sources, as the README states them.
awk '/^## Data credits/{on=1} /^## More/{on=0} on' README.md >dist/stage/win/CREDITS.txt
[[ -s dist/stage/win/CREDITS.txt ]] || fail "README.md has no '## Data credits' section"
rm -f dist/maliatlas-windows-amd64.zip
(cd dist/stage/win && zip -q -9 ../../maliatlas-windows-amd64.zip maliatlas.exe README.md CREDITS.txt LICENSE-NotoSans.txt)

step "Windows: check under Wine"
command -v wine >/dev/null || fail "wine not found (make deps APT_EXTRA=wine64)"
mkdir -p dist/check/win
unzip -q -o dist/maliatlas-windows-amd64.zip -d dist/check/win
export WINEPREFIX=${WINEPREFIX:-$PWD/dist/check/wineprefix} WINEDEBUG=-all
wine=wine
# First start creates the prefix; it needs no display.
"$wine" wineboot --init >/dev/null 2>&1 || true
# Go's runtime needs bcryptprimitives.dll (ProcessPrng), which every Windows 10
# and 11 has and Wine 8 lacks: a stand-in built from scripts/wine/ goes into
# this prefix only (it is not shipped).
sys32=$WINEPREFIX/drive_c/windows/system32
[[ -d $sys32 ]] || fail "Wine did not create $sys32"
"$MINGW_CC" -O2 -shared -o "$sys32/bcryptprimitives.dll" scripts/wine/bcryptprimitives.c \
	scripts/wine/bcryptprimitives.def -ladvapi32 || fail "cannot build the bcryptprimitives stand-in"
wexe=dist/check/win/maliatlas.exe
wv=$("$wine" "$wexe" --version 2>/dev/null | tr -d '\r')
[[ $wv == "maliatlas $VERSION"* ]] || fail "'maliatlas.exe --version' under Wine printed '$wv'"
args=(export --size 800x600 --lang fr --title "Mali Routes Atlas")
"$wine" "$wexe" "${args[@]}" --out dist/check/windows.png >dist/check/wine-export.log 2>&1 ||
	fail "maliatlas.exe export under Wine failed: $(tail -3 dist/check/wine-export.log)"
"$lbin" "${args[@]}" --out dist/check/linux.png
"$wine" "$wexe" briefing export --out dist/check/windows-handout.pdf >dist/check/wine-briefing.log 2>&1 ||
	fail "maliatlas.exe briefing export under Wine failed: $(tail -3 dist/check/wine-briefing.log)"
pages=$(pdfinfo dist/check/windows-handout.pdf | sed -n 's/^Pages: *//p')
((pages > 1)) || fail "the handout written under Wine has $pages pages"
diff=$(compare -metric AE -fuzz 3% dist/check/windows.png dist/check/linux.png dist/check/png-diff.png 2>&1 || true)
diff=${diff%% *}
[[ $diff =~ ^[0-9]+$ ]] || fail "cannot compare the PNGs: $diff"
((diff <= MAX_DIFF_PIXELS)) || fail "the Windows PNG differs from the Linux one in $diff pixels (max $MAX_DIFF_PIXELS; see dist/check/png-diff.png)"
echo "dist: Windows PNG = Linux PNG but for $diff pixels; handout $pages pages"

# The window under Wine, if Wine's OpenGL works under Xvfb: a bonus, not a gate.
if command -v Xvfb >/dev/null; then
	n=77
	Xvfb :$n -screen 0 1280x800x24 >/dev/null 2>&1 &
	xpid=$!
	sleep 2
	DISPLAY=:$n "$wine" "$wexe" >dist/check/wine-gui.log 2>&1 &
	gpid=$!
	sleep 25
	DISPLAY=:$n xwd -root -silent | convert xwd:- dist/check/windows-window.png 2>/dev/null || true
	kill $gpid 2>/dev/null || true
	"$(command -v wineserver || echo /usr/lib/wine/wineserver)" -k 2>/dev/null || true
	kill $xpid 2>/dev/null || true
	echo "dist: window under Wine: dist/check/windows-window.png ($(convert dist/check/windows-window.png -format '%k colours' info: 2>/dev/null || echo 'none'))"
fi

rm -rf dist/stage
ls -l dist/*.tar.xz dist/*.zip
