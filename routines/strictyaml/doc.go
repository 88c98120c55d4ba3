// Package strictyaml is the one strict reader behind every YAML file
// cooldown reads: routine files and the settings file.
//
// A person's file may be wrong in any way, or hostile. The reader refuses
// what no such file needs (anchors, aliases, merge keys, directives, tags
// unless allowed, a second document, deep nesting, huge mappings) before the
// YAML parser spends time on it, and reports every problem at once as
// file:line:col: field: message, with a did-you-mean where a name is close.
// Text from a file is cleaned before it is shown (Clean), and problem text
// escapes control characters (EscapeControls).
//
// It also holds the one duration grammar shared by routine files, the
// settings file and command-line flags: "30s", "3m", "1m30s", or a bare
// number of seconds.
package strictyaml
