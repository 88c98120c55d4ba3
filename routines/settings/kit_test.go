package settings

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cooldown-app/cooldown/routines"
)

func TestKitSetting(t *testing.T) {
	for _, c := range []struct {
		file string
		want routines.Kit
	}{
		{"kit: none\n", routines.KitRoom},
		{"kit: all\n", routines.KitAll},
		{"kit: [roller, towel]\n", routines.KitRoom.With(routines.ToolRoller).With(routines.ToolStrap)},
		{"kit: gun, no-floor\n", routines.KitRoom.With(routines.ToolGun).Without(routines.ToolFloor)},
	} {
		s, err := Parse("s.yaml", []byte(c.file))
		if err != nil || s.Kit == nil || *s.Kit != c.want {
			t.Errorf("%q: got %v, %v; want %v", c.file, s.Kit, err, c.want)
		}
	}
	if s, _ := Parse("s.yaml", []byte("sound: true\n")); s.Kit != nil {
		t.Errorf("no kit line: got %v, want nil (not asked yet)", s.Kit)
	}
	for _, c := range []struct{ file, msg string }{
		{"kit: [rolller]\n", `did you mean "roller"`},
		{"kit: []\n", "name your kit"},
		{"kit: [all, gun]\n", "give it alone"},
		{"kit: {roller: true}\n", "must be text"},
		{"kit:\n", "has no value"},
	} {
		_, err := Parse("s.yaml", []byte(c.file))
		if err == nil || !strings.Contains(err.Error(), c.msg) || !strings.Contains(err.Error(), "s.yaml:1:") {
			t.Errorf("%q: got %v, want s.yaml:1: ... %q", c.file, err, c.msg)
		}
	}
}

func TestSaveKitKeepsTheRest(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "cooldown", "settings.yaml")
	kit := routines.KitRoom.With(routines.ToolBall)
	if err := SaveKit(path, kit); err != nil { // no file yet: created
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(path); string(got) != "kit: [ball]\n" {
		t.Errorf("new file: %q", got)
	}
	os.WriteFile(path, []byte("# mine\nsound: false\nkit: all   # old\nunits: floz"), 0o600)
	os.Chmod(path, 0o600)
	if err := SaveKit(path, routines.KitRoom); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(path)
	if string(got) != "# mine\nsound: false\nkit: none\nunits: floz" {
		t.Errorf("kept file: %q", got)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600 kept", fi.Mode().Perm())
	}
	s, err := Load(path)
	if err != nil || s.Sound || s.Units != FluidOunces || *s.Kit != routines.KitRoom {
		t.Errorf("read back %+v, %v", s, err)
	}
	// A broken file is not rewritten: the person's text stays for them to fix.
	os.WriteFile(path, []byte("sound: maybe\n"), 0o644)
	if err := SaveKit(path, kit); err == nil || !strings.Contains(err.Error(), "problems to fix first") {
		t.Errorf("broken file: got %v", err)
	}
	if got, _ := os.ReadFile(path); string(got) != "sound: maybe\n" {
		t.Errorf("broken file changed: %q", got)
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Errorf("temporary files left: %v", entries)
	}
}
