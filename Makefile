# newsgraph: two set-up commands, `make demo` and `make test`. Versions are pinned in pyproject.toml.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DB ?= newsgraph.db
STAMP := $(VENV)/.installed

.PHONY: demo test bench lint install clean browser postgres screenshots

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/newsgraph ingest samples/ --db sqlite:///$(DB)
	@$(BIN)/newsgraph stats --db sqlite:///$(DB)
	@echo
	@echo "Done. The knowledge base is in $(DB)."
	@echo "Open the situation picture: $(BIN)/newsgraph serve --db $(DB)   then browse http://127.0.0.1:8000/"
	@echo "Or try:"
	@echo "  $(BIN)/newsgraph search 'ceasefire' --db $(DB)"
	@echo "  $(BIN)/newsgraph events --grouped --type ASSAULT --db $(DB)"
	@echo "  $(BIN)/newsgraph quotes --channel tweet --db $(DB)"
	@echo "  $(BIN)/newsgraph entity show Zelensky --db $(DB)"
	@echo "  $(BIN)/newsgraph export --format geojson --db $(DB) > map.geojson"
	@echo "  $(BIN)/newsgraph extract samples/html/drc-goma-m23.html --format json"

# Browser tests drive Debian's Chromium (never a browser Playwright would download).
browser:
	@command -v chromium >/dev/null 2>&1 || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) || echo "chromium could not be installed: browser tests will be skipped"

# The store tests also run against PostgreSQL: they start a throwaway server from Debian's binaries in a
# temporary directory (no system service is started or needed).
postgres:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql) || echo "postgresql could not be installed: PostgreSQL tests will be skipped"

test: $(STAMP) browser postgres
	$(BIN)/python -m pytest

screenshots: $(STAMP) browser
	$(BIN)/python tools/screenshots.py docs/

bench: $(STAMP) postgres
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	$(BIN)/python bench/run_all.py

lint: $(STAMP)
	$(BIN)/ruff check src tests bench

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm
