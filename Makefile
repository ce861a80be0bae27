# The README's two commands: `make demo` and `make test`.
.PHONY: demo test build release bench deps

deps:
	@bash scripts/install-deps.sh

build: deps
	swift build

demo: deps
	swift run accord demo

# The sync suites run first, on their own: the CLI suites wait on accord
# processes from the cooperative threads, and on a two-core machine the
# servers of the sync suites then had no thread to answer on.
test: deps
	swift build --build-tests
	swift test --skip-build --filter '^SyncTests\.'
	swift test --skip-build --skip '^SyncTests\.'

release: deps
	swift build -c release

# Benchmarks/ depends on this package by path: SwiftPM keeps its build plan
# while no manifest changes, and would miss a source file added here since.
bench: deps
	rm -f Benchmarks/.build/*/release/description.json
	cd Benchmarks && swift build -c release && swift build -c release --product accord && .build/release/accord-bench all
