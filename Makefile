# The few targets people expect. `make test` is what the README and CI call.
GO ?= go
PKGS := ./...

.PHONY: build test check vet fmt-check golden bench bench-go fuzz mutate

build:
	$(GO) build -o bin/budget ./cmd/budget

# test runs gofmt and vet first, so CI fails on either. The HTML report's browser test
# (cmd/budget's TestReportInBrowser) skips where no Chromium is found, and go test shows no skip
# of a package that passes: so test says so itself. CHROMIUM_NAMES are the test's chromiumNames.
CHROMIUM_NAMES := chromium chromium-browser google-chrome google-chrome-stable headless-shell
# The second run is in poison mode (proposal.PoisonReleased): the loader's Release writes garbage
# over the nodes it gives back, so that a use of a node after its Release fails the tests of the
# packages that load ledgers, the scenarios included (once: the warm pass takes its files from the cache).
POISON_PKGS := ./pkg/ledger ./pkg/check ./pkg/cli ./cmd/budget
test: check
	$(GO) test $(PKGS)
	BUDGET_TEST_POISON=1 BUDGET_WARM=0 $(GO) test -skip '^TestReportInBrowser$$' $(POISON_PKGS)
	@if [ -z "$$BUDGET_CHROMIUM" ]; then \
		for n in $(CHROMIUM_NAMES); do command -v $$n >/dev/null 2>&1 && exit 0; done; \
		echo "note: TestReportInBrowser skipped: no Chromium found (looked for $(CHROMIUM_NAMES) on PATH and \$$BUDGET_CHROMIUM); install it with .ci/install-chromium"; \
	fi

check: fmt-check vet

vet:
	$(GO) vet $(PKGS)

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

# golden regenerates the renderers' golden files; review the diff before committing.
golden:
	BUDGET_UPDATE=1 $(GO) test ./pkg/render/...

# bench measures budget against the YAML parse floor, hledger, ledger-cli and beancount
# (bench/README.md), on synthetic ledgers of BENCH_N proposals and on the bundled ones cloned
# BENCH_LIKE times; the sizes of issue 11 are BENCH_N="1000 10000 50000" BENCH_LIKE=300, and
# BENCH_OLD=path/to/budget adds an older binary's rows.
BENCH_N ?= 1000
BENCH_LIKE ?= 30
BENCH_OLD ?=
bench:
	BENCH_N="$(BENCH_N)" BENCH_LIKE="$(BENCH_LIKE)" BENCH_OLD="$(BENCH_OLD)" bash bench/run.sh

bench-go:
	$(GO) test -run '^$$' -bench . -benchmem $(PKGS)

# fuzz runs each target of FUZZ_TARGETS (Name:./pkg/path) for FUZZTIME, after its seed corpus.
FUZZTIME ?= 30s
FUZZ_TARGETS ?= FuzzLoad:./pkg/proposal FuzzFastReader:./pkg/proposal FuzzDecode:./pkg/proposal FuzzSchemaVerdict:./pkg/proposal FuzzHiddenPrefilter:./pkg/proposal FuzzLoadLedger:./pkg/ledger FuzzFormat:./pkg/format FuzzSpoof:./pkg/render FuzzEdits:./pkg/lsp
fuzz:
	@set -e; for t in $(FUZZ_TARGETS); do \
		echo "fuzz $${t%%:*} in $${t#*:} for $(FUZZTIME)"; \
		$(GO) test -run '^$$' -fuzz "^$${t%%:*}$$" -fuzztime $(FUZZTIME) "$${t#*:}"; \
	done

# mutate is the mutation run (mutate/main.go): each realistic one-line bug of mutate/mutants.go is
# put in a temporary copy of the module, and the tests must fail; it fails below MUTATE_MIN percent
# killed. Minutes, not seconds: not part of test. MUTATE_FLAGS="-run amount -v" runs some, verbosely.
MUTATE_MIN ?= 95
MUTATE_FLAGS ?=
mutate:
	$(GO) run ./mutate -min $(MUTATE_MIN) $(MUTATE_FLAGS)
