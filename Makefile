# 留痕 Liuhen — the two set-up commands are `make run` and `make test` (see README.md).

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
CONSTRAINTS := requirements/constraints.txt
export LIUHEN_DATA_DIR ?= $(CURDIR)/var

.PHONY: run test test-deps system-deps lint typecheck migrations-check lock clean

# --- run: virtualenv, install, migrate SQLite, demo data, serve on http://127.0.0.1:8000 -------
$(BIN)/python:
	$(PYTHON) -m venv $(VENV) || { echo "无法创建虚拟环境：请确认 Python 3.11 带有 venv 模块（Debian: python3-venv）"; exit 1; }

$(VENV)/.installed: $(BIN)/python pyproject.toml $(CONSTRAINTS)
	$(BIN)/pip install --quiet --disable-pip-version-check -c $(CONSTRAINTS) -e .
	touch $@

run: $(VENV)/.installed
	$(BIN)/liuhen migrate --noinput
	$(BIN)/liuhen collectstatic --noinput --verbosity 0
	$(BIN)/liuhen demo
	@echo "打开 http://127.0.0.1:8000/ 用上面的演示账号登录"
	$(BIN)/liuhen serve --bind 127.0.0.1:8000

# --- test: test dependencies, system packages, the whole suite -----------------------------
$(VENV)/.test-installed: $(BIN)/python pyproject.toml $(CONSTRAINTS)
	$(BIN)/pip install --quiet --disable-pip-version-check -c $(CONSTRAINTS) -e '.[test,dev]'
	touch $(VENV)/.installed $@

test-deps: $(VENV)/.test-installed

system-deps:
	@bash scripts/system-deps.sh

test: test-deps system-deps
	$(BIN)/pytest -n 2 --dist loadgroup

lint: test-deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: test-deps
	$(BIN)/mypy

migrations-check: test-deps
	LIUHEN_DATA_DIR=$$(mktemp -d) $(BIN)/python manage.py makemigrations --check --dry-run

# Regenerate the constraints (lock) file from a clean resolution of pyproject.toml.
lock:
	rm -rf /tmp/liuhen-lock && $(PYTHON) -m venv /tmp/liuhen-lock
	/tmp/liuhen-lock/bin/pip install --quiet -e '.[test,dev]'
	/tmp/liuhen-lock/bin/pip freeze --all --exclude-editable | grep -v -E '^(liuhen|pip)==' > $(CONSTRAINTS)

clean:
	rm -rf $(VENV) var build *.egg-info
