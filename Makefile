# The README's two commands: `make demo` and `make test`.
.PHONY: demo test build release bench deps

deps:
	@bash scripts/install-deps.sh

build: deps
	swift build

demo: deps
	swift run accord demo

test: deps
	swift build --build-tests
	swift test --skip-build

release: deps
	swift build -c release

bench: deps
	cd Benchmarks && swift build -c release && swift build -c release --product accord && .build/release/accord-bench all
