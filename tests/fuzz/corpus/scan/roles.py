agent/roles.py
MODEL = "gpt-4o"
if model in ("gpt-4o", "gpt-4o-mini", r"o3"): pass
if m == "gpt-4o" or "claude-3-5-sonnet-latest" != m: pass
PRICES = {"gpt-4o": 2.5, "o3": 10}; p = PRICES["gpt-4o"]
Kind = Literal["gpt-4o", "gpt-4o-mini"] | Union["o3"]
ask("Compare gpt-4o and o3 for me", model="gpt-4o")
os.system("ollama run llama3 --model gpt-4o")
x = f"{m}" if m.startswith("gpt-4o") else "gpt-4o"
    "source": ["client.chat(model=\"gpt-4o\")\n"],
description: "pick gpt-4o"
