package settings

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/cooldown-app/cooldown/routines"
)

// Saving the kit into files people write by hand: the kit line is found
// however it is written, and nothing else changes.
func TestSaveKitIntoHandWrittenFiles(t *testing.T) {
	ball := routines.KitRoom.With(routines.ToolBall)
	for _, c := range []struct{ name, file, want string }{
		{"CRLF line endings kept", "sound: false\r\nkit: none\r\nunits: ml\r\n", "sound: false\r\nkit: [ball]\r\nunits: ml\r\n"},
		{"CRLF file, kit added", "sound: false\r\nunits: ml\r\n", "sound: false\r\nunits: ml\r\nkit: [ball]\r\n"},
		{"byte-order mark", "\ufeffkit: none\nsound: false\n", "\ufeffkit: [ball]\nsound: false\n"},
		{"block list", "kit:\n  - roller\n  - strap\nsound: false\n", "kit: [ball]\nsound: false\n"},
		{"block list at the key's indent", "kit:\n- roller\nsound: false\n", "kit: [ball]\nsound: false\n"},
		{"flow list over two lines", "kit: [roller,\n  strap]\nsound: false\n", "kit: [ball]\nsound: false\n"},
		{"quoted key", "\"kit\": none\n", "kit: [ball]\n"},
		{"template replaced", "# sound: true\n# kit: all\nunits: ml\n", "# sound: true\nkit: [ball]\nunits: ml\n"},
		{"a comment mentioning kit stays", "# kit: lent my roller to Sam\nsound: false\n", "# kit: lent my roller to Sam\nsound: false\nkit: [ball]\n"},
		{"before a document end", "sound: false\n...\n", "sound: false\nkit: [ball]\n...\n"},
		{"document start kept", "---\nsound: false\n", "---\nsound: false\nkit: [ball]\n"},
	} {
		path := filepath.Join(t.TempDir(), "config.yaml")
		os.WriteFile(path, []byte(c.file), 0o644)
		if err := SaveKit(path, ball); err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		got, _ := os.ReadFile(path)
		if string(got) != c.want {
			t.Errorf("%s: wrote %q, want %q", c.name, got, c.want)
		}
		if s, err := Load(path); err != nil || s.Kit == nil || *s.Kit != ball {
			t.Errorf("%s: reads back %v, %v", c.name, s.Kit, err)
		}
	}
}

// A kit line the writer cannot place is refused with a message that says
// the file itself is fine, and the file is not touched.
func TestSaveKitRefusesWhatItCannotPlace(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.yaml")
	file := "kit:\n  - roller\n\n  - strap\n"
	os.WriteFile(path, []byte(file), 0o644)
	if _, err := Load(path); err != nil {
		t.Fatalf("the file is valid YAML: %v", err)
	}
	err := SaveKit(path, routines.KitRoom)
	if err == nil || !strings.Contains(err.Error(), "write `kit: none` there yourself") || strings.Contains(err.Error(), "problems to fix") {
		t.Errorf("got %v", err)
	}
	if got, _ := os.ReadFile(path); string(got) != file {
		t.Errorf("changed: %q", got)
	}
}

// A symlinked settings file (a dotfiles folder) is written where it
// points; the link stays a link. A read-only file is left.
func TestSaveKitThroughLinksAndNotIntoReadOnly(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "dotfiles", "cooldown.yaml")
	os.MkdirAll(filepath.Dir(real), 0o755)
	os.WriteFile(real, []byte("sound: false\n"), 0o600)
	link := filepath.Join(dir, "config.yaml")
	os.Symlink("dotfiles/cooldown.yaml", link)
	if err := SaveKit(link, routines.KitRoom); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Lstat(link); fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced by a file")
	}
	if got, _ := os.ReadFile(real); string(got) != "sound: false\nkit: none\n" {
		t.Errorf("the linked file: %q", got)
	}
	if fi, _ := os.Stat(real); fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v", fi.Mode().Perm())
	}
	// A link to a file not there yet: the file is made at the link's end.
	dangling := filepath.Join(dir, "new.yaml")
	os.Symlink(filepath.Join(dir, "dotfiles", "later.yaml"), dangling)
	if err := SaveKit(dangling, routines.KitAll); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "dotfiles", "later.yaml")); string(got) != "kit: all\n" {
		t.Errorf("dangling link's file: %q", got)
	}

	ro := filepath.Join(dir, "ro.yaml")
	os.WriteFile(ro, []byte("sound: false\n"), 0o444)
	if err := SaveKit(ro, routines.KitRoom); err == nil || !strings.Contains(err.Error(), "is read-only") {
		t.Errorf("read-only file: got %v", err)
	}
	if got, _ := os.ReadFile(ro); string(got) != "sound: false\n" {
		t.Errorf("read-only file changed: %q", got)
	}
}

// "kit: all" in the file is an answer (the picker no longer asks), so
// config says it is from the file, though it reads as the default.
func TestKitAllIsFromTheFile(t *testing.T) {
	s, err := Parse("c.yaml", []byte("kit: all\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Describe(); !slices.Contains(got, "kit: all (from file)") {
		t.Errorf("Describe() = %q", got)
	}
	if got := Defaults().Describe(); !slices.Contains(got, "kit: all (default: not asked yet, routines run as written; the picker asks once)") {
		t.Errorf("Defaults().Describe() = %q", got)
	}
}
