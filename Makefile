# The two commands of the README, plus the pieces they are made of.
JOBS ?= $(shell nproc)
BUILD ?= build/release

.PHONY: demo demo-serve test test-sanitize bootstrap build build-debug build-demo python bench format clean

bootstrap:
	@./scripts/bootstrap.sh

build: bootstrap
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release -DAIRM_BUILD_TESTS=ON >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

# The Python package: the _airm extension and the airm package beside it in
# $(BUILD)/python; use it with PYTHONPATH=$(BUILD)/python python3 (docs/python.md).
python: bootstrap
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release -DAIRM_BUILD_TESTS=ON >/dev/null
	@cmake --build $(BUILD) -j $(JOBS) --target airm_python
	@echo "airm for Python: PYTHONPATH=$(BUILD)/python /usr/bin/python3 -c 'import airm'"

# The demo needs only the airm binary: no test binaries, its own build folder.
DEMO_BUILD ?= build/demo
build-demo: bootstrap
	@cmake -S . -B $(DEMO_BUILD) -DCMAKE_BUILD_TYPE=Release -DAIRM_BUILD_TESTS=OFF >/dev/null
	@cmake --build $(DEMO_BUILD) -j $(JOBS) --target airm

# Run the main job on the bundled example and say where the report is.
# On a terminal it then serves the demo workspace (`airm serve`), printing the
# URL and the first admin's one-time password; Ctrl-C stops it.
demo: build-demo
	@./scripts/demo.sh $(DEMO_BUILD)/apps/cli/airm
	@if [ -t 0 ] && [ "$${AIRM_DEMO_SERVE:-1}" != 0 ]; then \
	  ./scripts/demo_serve.sh $(DEMO_BUILD)/apps/cli/airm out/workspace; \
	else echo "Serve the demo workspace: make demo-serve"; fi

# Only the server part of the demo, on the workspace `make demo` made.
demo-serve: build-demo
	@./scripts/demo_serve.sh $(DEMO_BUILD)/apps/cli/airm out/workspace

# Build everything and run every test (unit, scipy fixtures, end-to-end).
# bootstrap installs PostgreSQL, so here its absence is a failure, not a skip.
test: build
	@cd $(BUILD) && AIRM_TEST_REQUIRE_POSTGRES=1 ctest --output-on-failure -j $(JOBS)

# The whole suite under AddressSanitizer and UndefinedBehaviorSanitizer (the asan preset's flags).
SANITIZE_BUILD ?= build/asan
test-sanitize: bootstrap
	@cmake -S . -B $(SANITIZE_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DAIRM_BUILD_TESTS=ON \
	  -DAIRM_SANITIZE=ON >/dev/null
	@cmake --build $(SANITIZE_BUILD) -j $(JOBS)
	@rm -rf $(SANITIZE_BUILD)/sanitizer-reports && mkdir -p $(SANITIZE_BUILD)/sanitizer-reports
	@# Reports go to files, exit code 86: a report from an airm child process fails the run even
	@# when the test expected that child to exit 1 or 2.
	@cd $(SANITIZE_BUILD) && AIRM_TEST_REQUIRE_POSTGRES=1 \
	  ASAN_OPTIONS=detect_leaks=1:exitcode=86:log_path=$(CURDIR)/$(SANITIZE_BUILD)/sanitizer-reports/asan \
	  UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1:exitcode=86:log_path=$(CURDIR)/$(SANITIZE_BUILD)/sanitizer-reports/ubsan \
	  ctest --output-on-failure -j $(JOBS)
	@if [ -n "$$(ls -A $(SANITIZE_BUILD)/sanitizer-reports)" ]; then \
	  echo "sanitizer reports in $(SANITIZE_BUILD)/sanitizer-reports:" >&2; \
	  head -50 $(SANITIZE_BUILD)/sanitizer-reports/* >&2; exit 1; fi

bench: build
	@./bench/run.sh $(BUILD)/apps/cli/airm
	@./bench/drift.sh $(BUILD)/apps/cli/airm
	@./bench/predictions_log.sh $(BUILD)/apps/cli/airm

format:
	@clang-format -i $$(git ls-files '*.cc' '*.h')

clean:
	rm -rf build
