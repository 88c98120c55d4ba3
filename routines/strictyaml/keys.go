package strictyaml

import "github.com/goccy/go-yaml/ast"

// KeyText is a mapping key as text, if it is a scalar: for readers that
// walk a mapping of names they check themselves (a pose's joints, the
// exercise ids of a poses: mapping) rather than fixed fields.
func KeyText(k ast.Node) (string, bool) { return keyText(k) }

// SafeKey is how a key appears in a field path (see Fields).
func SafeKey(k string) string { return safeKey(k) }
