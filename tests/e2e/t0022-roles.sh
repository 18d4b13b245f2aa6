#!/bin/sh
# t0022: roles (SPEC section 1). Only code that chooses a model raises a
# finding: a comparison, a membership test, a case label, a union of
# names or a table keyed by model names handles names without choosing
# one (`mention`). `pins` lists every reference with its role.
. "$(dirname "$0")/lib.sh"

mentions='if model == "gpt-4o":\n    pass\nif model.startswith("gpt-4o"):\n    pass\nPRICES = {"gpt-4o": 2.5}\n'

test_expect_success 'code that compares or keys by a name is not refused' '
	new_repo_with_commit r &&
	printf "$mentions" >app.py && git add app.py &&
	commit_accepted
'

test_expect_success 'a choice beside mentions is still refused' '
	new_repo_with_commit r &&
	printf "${mentions}client.chat(model=\"gpt-4o\")\n" >app.py && git add app.py &&
	commit_refused &&
	grep_stderr_F "app.py:6:20: error[alias]" && grep_stderr_F "1 error"
'

test_expect_success 'TypeScript: a union and a switch are mentions, a config value a choice' '
	new_repo_with_commit r &&
	printf "type M = \"gpt-4o\" | \"o3\";\nswitch (m) { case \"o3\": break; }\nconst c = { model: \"o3\" };\n" >m.ts &&
	run_pincheck scan m.ts && expect_rc 1 &&
	grep_stdout_F "m.ts:3:" && no_stdout_F "m.ts:1:" && no_stdout_F "m.ts:2:"
'

test_expect_success 'pins gives each location its role' '
	new_repo_with_commit r &&
	printf "${mentions}client.chat(model=\"gpt-4o\")\n" >app.py &&
	mkdir -p tests/cassettes && printf "model: gpt-4o\n" >tests/cassettes/a.yaml &&
	printf "# we left gpt-4o\n" >notes.py &&
	run_pincheck --format json pins --include-prose && expect_rc 0 &&
	grep_stdout_F "\"line\": 1, \"column\": 14, \"prose\": false, \"role\": \"mention\"" &&
	grep_stdout_F "\"line\": 6, \"column\": 20, \"prose\": false, \"role\": \"choice\"" &&
	grep_stdout_F "\"path\": \"tests/cassettes/a.yaml\", \"line\": 1, \"column\": 8, \"prose\": false, \"role\": \"data\"" &&
	grep_stdout_F "\"role\": \"prose\""
'

test_expect_success 'pins -v marks what is not a choice' '
	new_repo_with_commit r &&
	printf "${mentions}client.chat(model=\"gpt-4o\")\n" >app.py &&
	run_pincheck -v pins && expect_rc 0 &&
	grep_stdout_F "app.py:1:14 (mention)" && grep_stdout "app.py:6:20\$"
'

# --- lists across lines, catalogs, assertions -------------------------------------

test_expect_success 'a capability list over several lines is of mentions; a fallback list of choices' '
	new_repo_with_commit r &&
	printf "VISION_MODELS = [\n    \"o3\",\n    \"gpt-4o\",\n]\nFALLBACK_MODELS = [\n    \"gpt-4o\",\n]\n" >caps.py &&
	git add caps.py &&
	commit_refused &&
	grep_stderr_F "caps.py:6:6: error[alias]" && grep_stderr_F "1 error" &&
	no_stderr_F "caps.py:3:"
'

test_expect_success 'YAML: a list under a use key is of choices, under a property key of mentions' '
	new_repo_with_commit r &&
	printf "supported_models:\n  - gpt-4o\nrouter:\n  fallbacks:\n    - gpt-4o\n" >llm.yaml &&
	run_pincheck scan llm.yaml && expect_rc 1 &&
	grep_stdout_F "llm.yaml:5:7: error[alias]" && no_stdout_F "llm.yaml:2:"
'

test_expect_success 'a catalog of model records is not refused; a menu of a few still is' '
	new_repo_with_commit r &&
	{ echo "[" && i=0 &&
	  while test $i -lt 25; do
		echo "  {\"id\": \"gpt-4o\", \"context_window\": $i}," && i=$((i + 1)) || exit 1
	  done && echo "  {\"id\": \"o3\"}" && echo "]"; } >catalog.json &&
	printf "[\n  {\"id\": \"gpt-4o\", \"label\": \"Fast\"},\n  {\"id\": \"o3\"}\n]\n" >menu.json &&
	git add catalog.json menu.json &&
	commit_refused &&
	grep_stderr_F "menu.json:2:11: error[alias]" && no_stderr_F "catalog.json"
'

test_expect_success 'what a test asserts about a name is a mention; the model it runs a choice' '
	new_repo_with_commit r &&
	mkdir tests &&
	printf "def test_vision():\n    assert supports_vision(\"gpt-4o\") is True\n    run(model=\"gpt-4o\")\n" >tests/test_caps.py &&
	run_pincheck scan tests/test_caps.py && expect_rc 1 &&
	grep_stdout_F "tests/test_caps.py:3:16: error[alias]" && no_stdout_F "test_caps.py:2:"
'

test_expect_success 'pins gives list items across lines the role of their list' '
	new_repo_with_commit r &&
	printf "KNOWN_MODELS = (\n    \"gpt-4o\",\n)\n" >known.py &&
	run_pincheck --format json pins && expect_rc 0 &&
	grep_stdout_F "\"path\": \"known.py\", \"line\": 2, \"column\": 6, \"prose\": false, \"role\": \"mention\""
'

test_expect_success 'a mocked API response in a test names the model that answered: data' '
	new_repo_with_commit r &&
	mkdir tests &&
	printf "def test_chat(mock):\n    mock.add_response(json={\n        \"object\": \"chat.completion\",\n        \"model\": \"gpt-4o\",\n        \"choices\": [],\n    })\n    ask(model=\"gpt-4o\")\n" >tests/test_chat.py &&
	run_pincheck scan tests/test_chat.py && expect_rc 1 &&
	grep_stdout_F "tests/test_chat.py:7:16: error[alias]" && no_stdout_F "test_chat.py:4:" &&
	run_pincheck --format json pins && expect_rc 0 &&
	grep_stdout_F "\"line\": 4, \"column\": 19, \"prose\": false, \"role\": \"data\""
'

test_expect_success 'a lookup call, an alias table and an example in a message are not refused' '
	new_repo_with_commit r &&
	printf "W = dict(\n    **_model_context_windows(\n        (\n            \"gpt-4o\",\n        ),\n        128000,\n    ),\n)\n" >limits.py &&
	printf "MODEL_ALIASES = {\n    \"4o\": \"gpt-4o\",\n}\n" >aliases.py &&
	printf "raise ValueError(%s)\n" "'\''a provider/model string (e.g. \"openai/gpt-4o\")'\''" >errors.py &&
	printf "SOURCE = \"https://example.com/pricing#gpt-4o\"\n" >links.py &&
	git add limits.py aliases.py errors.py links.py &&
	commit_accepted &&
	run_pincheck --format json pins --include-prose && expect_rc 0 &&
	grep_stdout_F "\"path\": \"limits.py\", \"line\": 4, \"column\": 14, \"prose\": false, \"role\": \"mention\"" &&
	grep_stdout_F "\"path\": \"aliases.py\", \"line\": 2, \"column\": 12, \"prose\": false, \"role\": \"mention\"" &&
	grep_stdout_F "\"path\": \"errors.py\", \"line\": 1, \"column\": 57, \"prose\": false, \"role\": \"prose\""
'

test_expect_success 'a map that sets the model is a choice whatever it is named' '
	new_repo_with_commit r &&
	printf "MODEL_CONFIG = {\n    \"model\": \"gpt-4o\",\n}\n" >cfg.py &&
	git add cfg.py &&
	commit_refused &&
	grep_stderr_F "cfg.py:2:15: error[alias]"
'

test_expect_success 'schema enums, model-fact tables, regexes and a test table of cases are not refused' '
	new_repo_with_commit r &&
	printf "{\n  \"properties\": {\n    \"model\": {\n      \"enum\": [\n        \"o3\",\n        \"gpt-4o\"\n      ]\n    }\n  }\n}\n" >config_schema.json &&
	printf "export const facts = [\n  {\n    model: \"gpt-4o\",\n    displayName: \"GPT-4o\",\n    contextLength: 128000,\n    regex: /gpt-4o(-mini)?/i,\n  },\n];\n" >facts.ts &&
	mkdir tests &&
	printf "@pytest.mark.parametrize(\n    (\"name\", \"label\"),\n    [\n        (\"gpt-4o\", \"GPT 4o\"),\n    ],\n)\ndef test_label(name, label):\n    assert to_label(name) == label\n" >tests/test_label.py &&
	git add config_schema.json facts.ts tests/test_label.py &&
	commit_accepted
'

test_expect_success 'a quoted provider:model and a gateway route are choices, reported once' '
	new_repo_with_commit r &&
	printf "agent = Agent(\"openai:o1\")\nllm = LLM(model=\"openai-main/gpt-4o\")\n" >agent.py &&
	git add agent.py &&
	commit_refused &&
	grep_stderr_F "agent.py:1:23: error[alias]" && grep_stderr_F "agent.py:2:30: error[alias]" &&
	grep_stderr_F "2 errors" && no_stderr_F "huggingface"
'

test_done
