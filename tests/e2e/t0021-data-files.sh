#!/bin/sh
# t0021: recorded and generated data (role `data`, SPEC section 1): HTTP
# cassettes, snapshot files, test fixtures' data files and lock files name
# the models that were called; they choose none. Scans and checks skip them
# and count them (`data_skipped`); `paths.data` adds globs and
# `paths.data_defaults: false` turns the built-in ones off; `pins` still
# lists what they name. Test code beside them is still code.
. "$(dirname "$0")/lib.sh"

# A repository with an alias in a cassette, a snapshot, a fixture's data
# file, a lock file, and in fixture code that selects a model.
recorded_repo () {
	new_repo_with_commit r &&
	mkdir -p tests/cassettes tests/__snapshots__ tests/fixtures &&
	printf "request:\n  body: {\"model\": \"gpt-4o\"}\n" >tests/cassettes/chat.yaml &&
	printf "exports[\`reply\`] = \`gpt-4o said hi\`;\n" >tests/__snapshots__/reply.test.js.snap &&
	printf "{\"model\": \"gpt-4o\", \"choices\": []}\n" >tests/fixtures/response.json &&
	printf "lockfileVersion: 9\nmodel: gpt-4o\n" >pnpm-lock.yaml &&
	printf "MODEL = \"gpt-4o\"\n" >tests/fixtures/conftest.py
}

test_expect_success 'scan skips data files and counts them; fixture code still counts' '
	recorded_repo &&
	run_pincheck scan && expect_rc 1 &&
	grep_stdout_F "tests/fixtures/conftest.py:1:10: error[alias]" &&
	no_stdout_F "cassettes/chat.yaml:" && no_stdout_F "response.json:" &&
	no_stdout_F "reply.test.js.snap:" && no_stdout_F "pnpm-lock.yaml:" &&
	grep_stdout_F "4 data files skipped"
'

test_expect_success 'test-fixtures/, testdata/ and test-data/ data files and generated schemas are data; their code is not' '
	new_repo_with_commit r &&
	mkdir -p cli/test-fixtures pkg/testdata tests/test-data schemas &&
	printf "model: gpt-4o\n" >cli/test-fixtures/config.yaml &&
	printf "{\"model\": \"gpt-4o\"}\n" >pkg/testdata/req.json &&
	printf "model: gpt-4o\n" >tests/test-data/agent.yml &&
	printf "{\"enum\": [\"gpt-4o\"], \"default\": \"gpt-4o\"}\n" >schemas/run_schema.json &&
	printf "MODEL = \"gpt-4o\"\n" >cli/test-fixtures/helper.py &&
	printf "model: gpt-4o\n" >my-fixtures.yaml &&
	run_pincheck scan && expect_rc 1 &&
	grep_stdout_F "cli/test-fixtures/helper.py:1:10: error[alias]" &&
	grep_stdout_F "my-fixtures.yaml:1:8: error[alias]" &&
	no_stdout_F "config.yaml:" && no_stdout_F "req.json:" && no_stdout_F "agent.yml:" &&
	no_stdout_F "run_schema.json:" && grep_stdout_F "4 data files skipped"
'

test_expect_success 'the JSON summary counts data_skipped' '
	recorded_repo &&
	run_pincheck --format json scan && expect_rc 1 &&
	grep_stdout_F "\"data_skipped\": 4"
'

test_expect_success 'a commit that records a cassette is not refused' '
	recorded_repo &&
	git add tests/cassettes pnpm-lock.yaml tests/__snapshots__ tests/fixtures/response.json &&
	commit_accepted
'

test_expect_success 'paths.data adds globs; paths.data_defaults: false drops the built-in ones' '
	recorded_repo &&
	printf "paths:\n  data: [\"tests/fixtures/**\"]\n" >.pincheck.yml &&
	run_pincheck scan && expect_rc 0 && grep_stdout_F "5 data files skipped" &&
	printf "paths:\n  data_defaults: false\n" >.pincheck.yml &&
	run_pincheck scan && expect_rc 1 && grep_stdout_F "tests/cassettes/chat.yaml:" &&
	no_stdout_F "data files skipped"
'

test_expect_success 'pins still lists what data files name' '
	recorded_repo &&
	run_pincheck --format json pins && expect_rc 0 &&
	grep_stdout_F "\"path\": \"tests/cassettes/chat.yaml\"" &&
	grep_stdout_F "\"path\": \"pnpm-lock.yaml\""
'

test_done
