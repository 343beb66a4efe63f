# yinxin — two commands on a fresh machine: `make run` and `make test`.
SHELL := /bin/bash
ROOT := $(CURDIR)
export PATH := $(ROOT)/.tools/node/bin:$(ROOT)/.tools/bin:$(PATH)
export npm_config_nodedir := $(ROOT)/.tools/node

.PHONY: bootstrap deps run build-app test test-unit test-pg test-e2e bench audit-verify clean-data

bootstrap:
	@bash scripts/bootstrap.sh

# Installs workspace dependencies when yarn.lock or a package.json changed since the last install.
deps: bootstrap
	@bash scripts/deps.sh

build-app: deps
	@bash scripts/build-app.sh

run: build-app
	@bash scripts/run.sh

test: deps
	@bash scripts/test.sh

bench: deps
	@bash scripts/bench.sh

audit-verify: deps
	@yarn --silent node packages/ops-node/bin/audit-verify.js --all-sqlite .data/sqlite

clean-data:
	rm -rf .data
