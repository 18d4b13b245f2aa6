provider: p
rules:
  - {id: nl, class: alias, pattern: "\\ngpt", multiline: true}
%%
a.py
x = 1
gpt
