package routines

import (
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestImportRule: what the app knows never depends on how it is shown. No
// file under routines/ imports the tui packages or Bubble Tea, so the domain
// can be tested, and reused, without a terminal.
func TestImportRule(t *testing.T) {
	forbidden := []string{"github.com/cooldown-app/cooldown/tui", "charm.land/bubbletea"}
	fset := token.NewFileSet()
	files := 0
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") {
			return err
		}
		files++
		f, err := parser.ParseFile(fset, path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			for _, bad := range forbidden {
				if p == bad || strings.HasPrefix(p, bad+"/") {
					t.Errorf("routines/%s imports %s: routines/... must not import tui/... or Bubble Tea", path, p)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files < 20 {
		t.Fatalf("walked only %d Go files; is the test in routines/?", files)
	}
}
