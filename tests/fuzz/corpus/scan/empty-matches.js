provider: p
rules:
  - {id: any, class: alias, pattern: "\\n|$|^|(?m)^.|\\R", multiline: true}
  - {id: empty, class: alias, pattern: "(?=x)"}
%%
web/min.js
x

xxx
