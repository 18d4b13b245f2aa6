#!/bin/sh
# t0045: `pincheck catalog import` (SPEC section 10) turns each provider's
# saved model list (tests/e2e/fixtures/catalog/, written after each
# provider's documented response shape) into a rule file of lifecycle facts;
# `catalogs:` in .pincheck.yml loads it and its facts win over the built-in
# ones: a model the built-in catalog thinks alive is reported retired by
# `drill` and a commit adding it is refused. On the server the trusted
# config's catalogs are HEAD's, and a push may not weaken them.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-server.sh"

FIX=$E2E_DIR/fixtures/catalog

# drill_status MODEL: the STATUS column of MODEL's row of `pincheck drill`.
drill_status () {
	"$PINCHECK" drill | awk -v m="$1" '$1 == m { print $NF }'
}

# use_catalog FILE: import FILE into .pincheck/lifecycle.yml, list it under
# catalogs: and commit both (unchecked).
use_catalog () {
	mkdir -p .pincheck &&
	run_pincheck catalog import "$1" -o .pincheck/lifecycle.yml &&
	expect_rc 0 &&
	printf "version: 1\ncatalogs: [.pincheck/lifecycle.yml]\n" >.pincheck.yml &&
	git add .pincheck.yml .pincheck/lifecycle.yml &&
	commit_unchecked "lifecycle facts"
}

# retired_after_import LIST MODEL DATE: MODEL is alive by the built-in
# catalog (a commit adding it passes, drill does not say retired); once LIST
# is imported, drill says retired and a commit adding MODEL again is refused,
# naming DATE.
retired_after_import () {
	new_repo_with_commit r &&
	write_model app.py "$2" && git add app.py &&
	commit_accepted &&
	no_stderr_F "error[" &&
	test "$(drill_status "$2")" != retired &&
	use_catalog "$1" &&
	test "$(drill_status "$2")" = retired &&
	run_pincheck drill &&
	expect_rc 1 &&
	write_model more.py "$2" && git add more.py &&
	commit_refused &&
	grep_stderr_F "more.py:3:10: error[retired] $2 was retired on $3"
}

test_expect_success 'Anthropic models list: retires_at (an RFC 3339 time, read as its UTC day) retires a model' '
	retired_after_import "$FIX/anthropic-models.json" claude-sonnet-4-5-20250929 2026-11-15
'

test_expect_success 'AWS Bedrock ListFoundationModels: endOfLifeTime retires a Bedrock id' '
	retired_after_import "$FIX/bedrock-foundation-models.json" \
		anthropic.claude-sonnet-4-5-20250929-v1:0 2026-11-20
'

test_expect_success 'Azure OpenAI models list: deprecation.inference (seconds since 1970) retires a model' '
	retired_after_import "$FIX/azure-openai-models.json" gpt-4o-2024-11-20 2026-10-01
'

test_expect_success 'OpenRouter models list: expiration_date retires a slug' '
	retired_after_import "$FIX/openrouter-models.json" anthropic/claude-sonnet-4.6 2026-11-30
'

test_expect_success 'LiteLLM model_prices_and_context_window.json: deprecation_date retires a model' '
	retired_after_import "$FIX/litellm-model-prices.json" gpt-4o-2024-08-06 2026-11-01
'

test_expect_success 'a suggestion is never a pin the imported catalog says has retired' '
	new_repo r --no-install &&
	write_model app.py gpt-4o &&
	run_pincheck scan &&
	grep_stdout_F "Pin gpt-4o-2024-08-06" &&
	use_catalog "$FIX/litellm-model-prices.json" &&
	run_pincheck scan &&
	expect_rc 1 &&
	grep_stdout_F "gpt-4o-2024-08-06, the snapshot gpt-4o pointed to, retired on 2026-11-01" &&
	no_stdout_F "Pin gpt-4o-2024-08-06"
'

test_expect_success 'statuses without a date count from the import day; the catalog itself is data' '
	new_repo r --no-install &&
	run_pincheck catalog import "$FIX/bedrock-foundation-models.json" "$FIX/anthropic-models.json" &&
	expect_rc 0 &&
	grep_stdout "^catalog_date: $TEST_DAY\$" &&
	grep_stdout "^provider: imported\$" &&
	grep -A1 -F "id: \"meta.llama3-8b-instruct-v1:0\"" "$OUT" | grep -q -F "deprecated: $TEST_DAY" &&
	grep -A1 -F "id: \"claude-haiku-4-5-20251001\"" "$OUT" | grep -q -F "deprecated: $TEST_DAY" &&
	! grep -F "claude-opus-4-6" "$OUT" &&
	use_catalog "$FIX/bedrock-foundation-models.json" &&
	run_pincheck scan &&
	expect_rc 0 &&
	grep_stdout_F "1 data file skipped"
'

test_expect_success 'the same id in two lists keeps the earlier date, whatever the order' '
	new_repo r --no-install &&
	printf "{\"claude-sonnet-4-5-20250929\": {\"litellm_provider\": \"anthropic\", \"deprecation_date\": \"2026-11-10\"}}\n" >prices.json &&
	run_pincheck catalog import "$FIX/anthropic-models.json" prices.json &&
	expect_rc 0 && cp "$OUT" one.yml &&
	run_pincheck catalog import prices.json "$FIX/anthropic-models.json" &&
	expect_rc 0 &&
	grep -A2 -F "id: \"claude-sonnet-4-5-20250929\"" "$OUT" | grep -q -F "retires: 2026-11-10" &&
	sed 1,5d one.yml >a && sed 1,5d "$OUT" >b && cmp a b
'

test_expect_success 'a list pincheck does not know is refused, naming the file (exit 2)' '
	new_repo r --no-install &&
	printf "{\"object\": \"list\", \"data\": [{\"id\": \"gpt-4o\", \"object\": \"model\"}]}\n" >openai.json &&
	run_pincheck catalog import openai.json &&
	expect_rc 2 &&
	grep_stderr_F "openai.json: not a model list pincheck reads" &&
	test ! -s "$OUT" &&
	printf "[]\n" >list.json &&
	run_pincheck catalog import list.json &&
	expect_rc 2 &&
	grep_stderr_F "list.json: not a model list"
'

test_expect_success 'malformed input is refused with its file, line and column (exit 2); nothing is written' '
	new_repo r --no-install &&
	printf "{\"data\": [\n  {\"id\": \"m\", \"expiration_date\": \"2026-11-31\"}\n]}\n" >bad-date.json &&
	run_pincheck catalog import bad-date.json -o out.yml &&
	expect_rc 2 &&
	grep_stderr_F "bad-date.json:2:34: expiration_date '\''2026-11-31'\'' is not a date" &&
	test ! -e out.yml &&
	printf "{\"modelSummaries\": [\n  {\"modelId\": \"x\",\n" >cut.json &&
	run_pincheck catalog import cut.json &&
	expect_rc 2 &&
	grep_stderr "cut.json:[0-9]*:[0-9]*: " &&
	printf "{\"modelSummaries\": [\n  {\"modelName\": \"no id\"}\n]}\n" >noid.json &&
	run_pincheck catalog import noid.json &&
	expect_rc 2 &&
	grep_stderr_F "noid.json:2:3: a model entry has no '\''modelId'\''" &&
	run_pincheck catalog import missing.json &&
	expect_rc 3 &&
	grep_stderr_F "missing.json: cannot open" &&
	run_pincheck catalog import &&
	expect_rc 2 &&
	run_pincheck catalog export x.json &&
	expect_rc 2
'

test_expect_success 'catalogs: a path out of the repository, a missing file and a catalog with rules are refused' '
	new_repo r --no-install &&
	printf "version: 1\ncatalogs: [../facts.yml]\n" >.pincheck.yml &&
	run_pincheck scan &&
	expect_rc 2 &&
	grep_stderr_F ".pincheck.yml:2:12: catalogs: '\''../facts.yml'\'' must be a relative repository path" &&
	printf "version: 1\ncatalogs: facts.yml\n" >.pincheck.yml &&
	run_pincheck scan &&
	expect_rc 3 &&
	grep_stderr_F "facts.yml: cannot open" &&
	printf "provider: acme\nrules:\n  - {id: x, class: pinned, pattern: x-1}\n" >facts.yml &&
	run_pincheck scan &&
	expect_rc 2 &&
	grep_stderr_F "facts.yml:3:3: a catalog holds lifecycle facts (models:) only"
'

# --- the server ---------------------------------------------------------------

# srv_with_catalog: a server whose HEAD config lists the Anthropic facts
# (pushed unchecked: listing a catalog is a policy change), and a clone of
# it in the current directory.
srv_with_catalog () {
	server_with_main &&
	use_catalog "$FIX/anthropic-models.json" &&
	hook_off && git push -q origin main 2>/dev/null && hook_on
}

test_expect_success 'pre-receive: a push that moves an imported retirement later is refused' '
	srv_with_catalog &&
	sed "s/retires: 2026-11-15/retires: 2027-06-01/" .pincheck/lifecycle.yml >t &&
	mv t .pincheck/lifecycle.yml &&
	git add .pincheck/lifecycle.yml && commit_unchecked "later" &&
	push_rejected origin main &&
	grep_stderr_F "the retirement of claude-sonnet-4-5-20250929 moved from 2026-11-15 to 2027-06-01"
'

test_expect_success 'pre-receive: a push that drops an imported fact, or the catalog, is refused' '
	srv_with_catalog &&
	git rm -q .pincheck/lifecycle.yml && commit_unchecked "drop" &&
	push_rejected origin main &&
	grep_stderr_F "the retirement of claude-sonnet-4-5-20250929 on 2026-11-15 dropped" &&
	git reset -q --hard HEAD^ &&
	printf "version: 1\n" >.pincheck.yml &&
	git add .pincheck.yml && commit_unchecked "no catalogs" &&
	push_rejected origin main &&
	grep_stderr_F "catalog file '\''.pincheck/lifecycle.yml'\'' removed"
'

test_expect_success 'pre-receive: a push that lists a new catalog is refused; a refresh that retires sooner passes' '
	srv_with_catalog &&
	printf "version: 1\ncatalogs: [.pincheck/lifecycle.yml, more.yml]\n" >.pincheck.yml &&
	printf "provider: acme\nmodels: []\n" >more.yml &&
	git add .pincheck.yml more.yml && commit_unchecked "more" &&
	push_rejected origin main &&
	grep_stderr_F "catalog file '\''more.yml'\'' added" &&
	git reset -q --hard HEAD^ &&
	sed "s/retires: 2026-11-15/retires: 2026-11-01/" .pincheck/lifecycle.yml >t &&
	mv t .pincheck/lifecycle.yml &&
	git add .pincheck/lifecycle.yml && commit_unchecked "sooner" &&
	push_accepted origin main
'

test_expect_success 'pre-receive: the facts are HEAD'\''s catalog, not the pushed one' '
	srv_with_catalog &&
	write_model app.py claude-sonnet-4-5-20250929 &&
	git add app.py && commit_unchecked "use it" &&
	push_rejected origin main &&
	grep_stderr_F "error[retired] claude-sonnet-4-5-20250929 was retired on 2026-11-15"
'

test_done
