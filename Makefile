# The few targets people expect. `make test` is what the README and CI call.
GO ?= go
PKGS := ./...

.PHONY: build test check vet fmt-check golden bench fuzz

build:
	$(GO) build -o bin/budget ./cmd/budget

# test runs gofmt and vet first, so CI fails on either.
test: check
	$(GO) test $(PKGS)

check: fmt-check vet

vet:
	$(GO) vet $(PKGS)

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

# golden regenerates the renderers' golden files; review the diff before committing.
golden:
	BUDGET_UPDATE=1 $(GO) test ./pkg/render/...

bench:
	$(GO) test -run '^$$' -bench . -benchmem $(PKGS)

FUZZTIME ?= 30s
fuzz:
	$(GO) test -run '^$$' -fuzz FuzzLoad -fuzztime $(FUZZTIME) ./pkg/proposal
