app/llm.py
"""Docstring mentions gpt-4 and claude-3-opus, which is prose."""
from openai import OpenAI
MODEL = "gpt-4o"  # pincheck:allow[openai-gpt-4o-alias]
client.chat.completions.create(model="gpt-4o-mini", messages=[])
anthropic.messages.create(model="claude-3-5-sonnet-latest")
bedrock.invoke_model(modelId="anthropic.claude-3-5-sonnet-20240620-v1:0")
pipe = pipeline("text-generation", model="meta-llama/Llama-3.1-8B-Instruct")
x = "o1"  # model="o1"
