# Mali Routes Atlas — GNU make.
#
#   make run     install what is missing, build, start the app
#   make test    formatting, vet, staticcheck, unit tests (with the race detector,
#                and without cgo), Xvfb smoke test
#   make fuzz    each fuzz target for FUZZTIME (default 20s)
#   make bench   Go benchmarks, then the Mapnik comparison (if python3-mapnik is there)
#   make data    regenerate data/ from $(SHARED)/geodata
#   make dist    Linux and Windows release archives, each checked by running it
#   make build | deps | clean

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := build

GO      ?= go
GO_MIN  := 1.26
BIN     := maliatlas
SHARED  ?= ../shared
OUT     := out

# staticcheck, installed from the Go module proxy into bin/ (kept by `make clean`).
STATICCHECK_VERSION := v0.8.2
STATICCHECK := bin/staticcheck-$(STATICCHECK_VERSION)
FUZZTIME ?= 20s

# Debian packages. The build set is always installed (Fyne needs cgo, OpenGL and
# X11/Wayland headers); the test set is added by `make test` (Xvfb smoke test,
# PDF and SVG checks, GDAL exchange tests); the bench set is tried by `make bench` and may be absent.
APT_BUILD := gcc libc6-dev pkg-config libgl1-mesa-dev libx11-dev libxcursor-dev \
             libxrandr-dev libxinerama-dev libxi-dev libxxf86vm-dev libxkbcommon-dev libwayland-dev
APT_TEST  := xvfb xauth x11-apps imagemagick xdotool poppler-utils librsvg2-bin gdal-bin
APT_BENCH := python3-mapnik
# `make dist`: the Windows cross-compiler and Wine to run what it built, the
# archivers, and the test set for the smoke test of the Linux package.
APT_CROSS := gcc-mingw-w64-x86-64
APT_DIST  := $(APT_CROSS) wine64 xz-utils zip unzip $(APT_TEST)

# `deps` installs APT_BUILD plus APT_EXTRA (required) and APT_OPTIONAL (best
# effort); the targets below set those for their own `deps` prerequisite.
APT_EXTRA    ?=
APT_OPTIONAL ?=

.PHONY: deps run build test fuzz bench data dist cross-windows clean

deps:
	@scripts/deps.sh --go $(GO_MIN)
	@scripts/deps.sh $(APT_BUILD) $(APT_EXTRA)
	@scripts/deps.sh --optional $(APT_OPTIONAL)

build:
	$(GO) build -o $(BIN) .

run: deps build
	./$(BIN)

$(STATICCHECK):
	@mkdir -p bin/.install
	GOBIN=$(abspath bin/.install) $(GO) install honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION)
	mv bin/.install/staticcheck $@

test: APT_EXTRA = $(APT_TEST) $(APT_CROSS)
test: deps $(STATICCHECK)
	@echo "== gofmt"
	@bad=$$(gofmt -l .); if [[ -n $$bad ]]; then echo "gofmt: these files need 'gofmt -w':"; echo "$$bad"; exit 1; fi
	@echo "== go vet"
	$(GO) vet ./...
	@echo "== staticcheck"
	$(STATICCHECK) ./...
	@echo "== go test -race"
	$(GO) test -race -count=1 -timeout 30m ./...
	@echo "== go test without cgo (every package but main)"
	@all=$$($(GO) list ./...); pkgs=$$(grep -v '^maliatlas$$' <<<"$$all" || true); \
	if [[ -z $$pkgs ]]; then echo "no packages"; else \
	  echo "CGO_ENABLED=0 $(GO) test -count=1 <$$(wc -w <<<"$$pkgs") packages>"; \
	  CGO_ENABLED=0 $(GO) test -count=1 $$pkgs; fi
	@echo "== go test -tags purego (the Go kernels that stand in for the SSE2 ones off amd64)"
	CGO_ENABLED=0 $(GO) test -count=1 -tags purego ./render/raster/ ./render/
	@echo "== build"
	$(GO) build -o $(BIN) .
	@echo "== smoke test"
	scripts/smoke.sh ./$(BIN)
	@echo "== Windows cross-build"
	@$(MAKE) --no-print-directory cross-windows

# The Windows executable compiles (mingw-w64, cgo): the CI-sized part of `make dist`.
cross-windows:
	@mkdir -p $(OUT)
	CC=x86_64-w64-mingw32-gcc CGO_ENABLED=1 GOOS=windows GOARCH=amd64 \
	  $(GO) build -ldflags -H=windowsgui -o $(OUT)/maliatlas-windows-amd64.exe .

# Release archives for Linux and Windows, each checked by running it (not part of
# `make test`: Wine and packaging take minutes).
dist: APT_EXTRA = $(APT_DIST)
dist: deps
	scripts/dist.sh

# Every fuzz target, one after the other (go test runs one fuzz target at a time).
fuzz:
	@for pkg in $$($(GO) list ./...); do \
	  for f in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz' || true); do \
	    echo "== $$pkg $$f"; \
	    CGO_ENABLED=0 $(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) $$pkg || exit 1; \
	  done; \
	done

bench: APT_OPTIONAL = $(APT_BENCH)
bench: deps build
	@mkdir -p $(OUT)
	$(GO) test -run '^$$' -bench . -benchmem ./... | tee $(OUT)/bench.txt
	SHARED=$(SHARED) BENCH_OUT=$(OUT) scripts/bench-compare.sh ./$(BIN)
	@# Panning the 10x scene (made by bench-compare.sh into $(OUT)/bench10x): issue #13, <= 16 ms a frame.
	@if [[ -f $(OUT)/bench10x/events.geojson ]]; then \
	  MALIATLAS_BENCH_SCENE=$(abspath $(OUT))/bench10x $(GO) test -run '^$$' -bench 'PanFrame1080pScaledScene' -count 3 ./render/mapframe | tee -a $(OUT)/bench.txt; fi
	@# Event hotspots end to end on a generated SYNTHETIC file (not real events).
	$(GO) run ./tools/synthevents -format acled -n 1000000 -out $(OUT)/synthetic-acled-1m.csv
	@bash -c 'time ./$(BIN) events stats $(OUT)/synthetic-acled-1m.csv --by region --format tsv >/dev/null' 2>&1 | tee -a $(OUT)/bench.txt

data:
	$(GO) run ./tools/gendata -src $(SHARED)/geodata -out data
	$(GO) run ./tools/genbasemap -src $(SHARED)/geodata -out data
	@if [[ -d tools/genzones ]]; then \
	  echo "$(GO) run ./tools/genzones ..."; \
	  $(GO) run ./tools/genzones -cercles $(SHARED)/geodata/mali_admin2_ocha2021.geojson \
	    -regions $(SHARED)/geodata/mali_admin1_ocha2021.geojson \
	    -spec data/src/zones.json -out data/overlays/armed_groups.geojson; \
	else echo "tools/genzones not present: zones not regenerated"; fi
	$(GO) run ./tools/gengazetteer -src $(SHARED)/geodata/basemap -data data -out data/gazetteer.tsv.gz

clean:
	rm -f $(BIN)
	rm -rf $(OUT) dist
	find . -path ./.git -prune -o -type d -path '*/testdata/failures' -prune -exec rm -rf {} +
