package tui

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
)

// readmeParagraph returns the README's paragraph that starts with start.
func readmeParagraph(t *testing.T, start string) string {
	t.Helper()
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(readme)
	i := strings.Index(text, start)
	if i < 0 {
		t.Fatalf("the README has no paragraph starting %q", start)
	}
	end := strings.Index(text[i:], "\n\n")
	if end < 0 {
		end = len(text) - i
	}
	return text[i : i+end]
}

// Every key the README gives for the picker is one of the picker's
// bindings; the resume and save keys it names are the ones the screens use.
func TestReadmePickerKeys(t *testing.T) {
	para := readmeParagraph(t, "In the picker, ")
	k := DefaultKeyMap().Picker
	all := []key.Binding{k.Up, k.Down, k.Choose, k.Back, k.Filter, k.Safety, k.Quit, k.Resume}
	names := map[string]string{"↑": "up", "↓": "down"}
	n := 0
	for _, m := range regexp.MustCompile("`([^`]+)`").FindAllStringSubmatch(para, -1) {
		tok := m[1]
		if strings.Contains(tok, " ") || (strings.HasPrefix(tok, "/") && len(tok) > 1) {
			continue // a command, or a filter typed after the key (`/calves`)
		}
		for _, name := range strings.Split(tok, "/") {
			if tok == "/" {
				name = "/"
			}
			if v, ok := names[name]; ok {
				name = v
			}
			n++
			found := false
			for _, b := range all {
				found = found || key.Matches(keyPress(name), b)
			}
			if !found {
				t.Errorf("the README's picker key %q is not a picker key", name)
			}
			if tok == "/" {
				break
			}
		}
	}
	if n < 6 {
		t.Errorf("only %d keys found in the README's picker paragraph:\n%s", n, para)
	}
	if p := readmeParagraph(t, "A session ended by a signal"); !strings.Contains(p, "press r") || !key.Matches(keyPress("r"), k.Resume) {
		t.Errorf("the README's resume key is not the picker's:\n%s", p)
	}
	save := defaultPlanKeys(&DefaultKeyMap().Global).Save
	if p := readmeParagraph(t, "name goes into your routines folder"); !strings.Contains(p, "`s` there") || !key.Matches(keyPress("s"), save) {
		t.Errorf("the README's planner save key is not the planner's:\n%s", p)
	}
}
