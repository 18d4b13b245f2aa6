provider: acme
rules:
  - id: acme-alias
    class: alias
    pattern: 'acme-(?:fast|smart)(?:-latest)?'
    keywords: [acme-]
    suggest: acme-fast-2026-01-01
  - id: acme-key
    class: pinned
    context: key
    pattern: 'acme-[0-9]{4}'
  - id: acme-value
    class: no-snapshot
    context: value
    pattern: 'tiny'
  - id: acme-block
    class: mask
    multiline: true
    pattern: 'block\s*\{[^}]{0,200}\}'
    keywords: [block]
  - id: acme-multi
    class: alias
    multiline: true
    pattern: 'model\s*=\s*\n\s*"(?<id>acme-big)"'
%%
src/main.py
# acme-fast in a comment
model = "acme-fast"  # pincheck:allow
MODEL=acme-2026 "tiny" x/tiny
block {
  model = "acme-smart"
}
call(model =
    "acme-big")
