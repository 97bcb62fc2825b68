# The two commands of the README, plus the pieces they are made of.
JOBS ?= $(shell nproc)
BUILD ?= build/release

.PHONY: demo test bootstrap build build-debug bench format clean

bootstrap:
	@./scripts/bootstrap.sh

build: bootstrap
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release -DAIRM_BUILD_TESTS=ON >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

# Run the main job on the bundled example and say where the report is.
demo: build
	@./scripts/demo.sh $(BUILD)/apps/cli/airm

# Build everything and run every test (unit, scipy fixtures, end-to-end).
test: build
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

bench: build
	@./bench/run.sh $(BUILD)/apps/cli/airm
	@./bench/drift.sh $(BUILD)/apps/cli/airm

format:
	@clang-format -i $$(git ls-files '*.cc' '*.h')

clean:
	rm -rf build
