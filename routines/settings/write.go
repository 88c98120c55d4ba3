package settings

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/cooldown-app/cooldown/routines"
	"github.com/cooldown-app/cooldown/routines/safefile"
)

// SaveKit writes the kit into the settings file at path, keeping every
// other line (comments included) as it is: the kit line is replaced, or
// added at the end. The file is written to a temporary file beside it and
// renamed over it, so a full disk or a crash never leaves half a file.
// The result is checked first: a file that would not read back is not
// written. A symlinked settings file is written where the link points (a
// dotfiles folder keeps its file), and a read-only one is left alone.
func SaveKit(path string, kit routines.Kit) error {
	target, err := linkTarget(path)
	if err != nil {
		return fmt.Errorf("settings file %s: %w", path, err)
	}
	old, err := safefile.ReadFile(target, MaxFileBytes)
	exists := err == nil
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("settings file %s: %w", path, err)
	}
	if _, err := Parse(path, old); err != nil {
		return fmt.Errorf("the settings file %s has problems to fix first: %w", path, err)
	}
	value := kitValue(kit)
	data := SetKey(old, "kit", value)
	if s, err := Parse(path, data); err != nil || s.Kit == nil || *s.Kit != kit {
		return fmt.Errorf("the kit line of the settings file %s is written in a way this app cannot change safely; write `kit: %s` there yourself", path, value)
	}
	mode := fs.FileMode(0o644)
	if exists {
		f, info, err := safefile.OpenFile(target, os.O_WRONLY, 0)
		if err != nil {
			return fmt.Errorf("the settings file %s cannot be written (%w)", path, errors.Unwrap(err))
		}
		f.Close()
		mode = info.Mode().Perm()
		if mode&0o222 == 0 { // made read-only on purpose (root may still write it)
			return fmt.Errorf("the settings file %s is read-only", path)
		}
	}
	dir := filepath.Dir(target)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, ".settings-*.tmp")
	if err != nil {
		return fmt.Errorf("cannot write in the folder %s (%w)", dir, errors.Unwrap(err))
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("writing the settings file: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("writing the settings file: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("writing the settings file: %w", err)
	}
	if err := os.Chmod(tmp.Name(), mode); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), target)
}

// linkTarget follows symlinks from path to the file they name (which may
// not exist yet), so that the rename replaces that file, not the link.
func linkTarget(path string) (string, error) {
	for range 16 {
		fi, err := os.Lstat(path)
		if err != nil || fi.Mode()&fs.ModeSymlink == 0 {
			return path, nil
		}
		to, err := os.Readlink(path)
		if err != nil {
			return "", err
		}
		if !filepath.IsAbs(to) {
			to = filepath.Join(filepath.Dir(path), to)
		}
		path = to
	}
	return "", errors.New("too many levels of symbolic links")
}

// SetKey sets a top-level key of a settings file to value: the key's line
// (with the lines of a list written under it) is replaced in place, or
// else a commented-out template line of
// the key ("# kit: all", as `config --edit` writes) is, or else the key is
// added at the end. The file's line endings are kept.
func SetKey(data []byte, key, value string) []byte {
	eol := "\n"
	if bytes.Contains(data, []byte("\r\n")) {
		eol = "\r\n"
	}
	k := regexp.QuoteMeta(key)
	// The key at the start of a line (after a byte-order mark on the first),
	// bare or quoted; its value runs to a comment or the end of the line.
	keyLine := regexp.MustCompile(`^(?:\x{FEFF})?(?:` + k + `|"` + k + `"|'` + k + `')[ \t]*:([^\r\n#]*)`)
	template := regexp.MustCompile(`^#[ \t]?` + k + `:[ \t]([^\r\n#]*)\r?\n?$`)
	lines := strings.SplitAfter(string(data), "\n")
	newLine := func() string { return key + ": " + value + eol }
	for i, l := range lines {
		m := keyLine.FindStringSubmatch(l)
		if m == nil {
			continue
		}
		prefix := ""
		if strings.HasPrefix(l, "\ufeff") {
			prefix = "\ufeff"
		}
		// A value written on the lines below ("kit:" then "  - roller") or
		// a flow list left open ("[roller,") goes with the key.
		end := i + 1
		rest := strings.TrimSpace(m[1])
		open := strings.Count(rest, "[") > strings.Count(rest, "]")
		for end < len(lines) {
			n := lines[end]
			t := strings.TrimLeft(n, " \t")
			indented := len(t) < len(n) && strings.TrimSpace(t) != ""
			item := rest == "" && strings.HasPrefix(t, "-")
			if !indented && !item && !open {
				break
			}
			if open && strings.Contains(n, "]") {
				open = false
			}
			end++
		}
		out := strings.Join(lines[:i], "") + prefix + newLine() + strings.Join(lines[end:], "")
		return []byte(out)
	}
	for i, l := range lines {
		// Only a template of a real value: a comment that mentions the key
		// in passing ("# kit: lent my roller to Sam") stays.
		if m := template.FindStringSubmatch(l); m != nil {
			if _, err := routines.ParseKit([]string{m[1]}); err == nil || key != "kit" {
				return []byte(strings.Join(lines[:i], "") + newLine() + strings.Join(lines[i+1:], ""))
			}
		}
	}
	out := string(data)
	// After a document's end marker nothing more may be written: the key
	// goes before it.
	if loc := regexp.MustCompile(`(?m)^\.\.\.[ \t]*\r?$`).FindStringIndex(out); loc != nil {
		return []byte(out[:loc[0]] + newLine() + out[loc[0]:])
	}
	if out != "" && !strings.HasSuffix(out, "\n") {
		out += eol
	}
	return []byte(out + newLine())
}
