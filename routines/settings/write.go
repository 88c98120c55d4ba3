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
// written.
func SaveKit(path string, kit routines.Kit) error {
	old, err := safefile.ReadFile(path, MaxFileBytes)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("settings file %s: %w", path, err)
	}
	value := "[" + strings.Join(kit.List(), ", ") + "]"
	if l := kit.List(); len(l) == 1 && (l[0] == "none" || l[0] == "all") {
		value = l[0]
	}
	data := SetKey(old, "kit", value)
	if _, err := Parse(path, data); err != nil {
		return fmt.Errorf("not saving the kit: the settings file %s has problems to fix first: %w", path, err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".settings-*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	mode := fs.FileMode(0o644)
	if fi, err := os.Stat(path); err == nil {
		mode = fi.Mode().Perm()
	}
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
	return os.Rename(tmp.Name(), path)
}

// SetKey sets a top-level key of a settings file to value: the line of the
// key (and a commented-out template line for it) is replaced in place, or
// the key is added at the end.
func SetKey(data []byte, key, value string) []byte {
	line := []byte(key + ": " + value)
	re := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(key) + `\s*:.*$`)
	if loc := re.FindIndex(data); loc != nil {
		return append(append(append([]byte{}, data[:loc[0]]...), line...), data[loc[1]:]...)
	}
	tmpl := regexp.MustCompile(`(?m)^#\s*` + regexp.QuoteMeta(key) + `\s*:.*$`)
	if loc := tmpl.FindIndex(data); loc != nil {
		return append(append(append([]byte{}, data[:loc[0]]...), line...), data[loc[1]:]...)
	}
	out := bytes.Clone(data)
	if len(out) > 0 && out[len(out)-1] != '\n' {
		out = append(out, '\n')
	}
	return append(append(out, line...), '\n')
}
