package routines

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/cooldown-app/cooldown/routines/strictyaml"
	"github.com/cooldown-app/cooldown/routines/testfiles"
)

// hostileInputs are files built to cost time or memory. Each must be refused
// (or, for the escape-laden one, parsed) quickly with a clear problem.
func hostileInputs() []struct {
	name, src, msg string
} {
	laughs := "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
	prev := "a"
	for _, n := range []string{"b", "c", "d", "e", "f", "g", "h", "i"} {
		laughs += fmt.Sprintf("%s: &%s [*%s,*%s,*%s,*%s,*%s,*%s,*%s,*%s,*%s]\n", n, n, prev, prev, prev, prev, prev, prev, prev, prev, prev)
		prev = n
	}
	steps := strings.Repeat("      - do: wall-calf\n        for: 30s\n", 5000)
	return []struct{ name, src, msg string }{
		{"billion laughs", laughs, "anchors (&name) and aliases (*name) are not allowed"},
		{"deep flow nesting", strings.Repeat("[", 10000) + strings.Repeat("]", 10000), "nesting is deeper than 64 levels"},
		{"deep flow mapping nesting", strings.Repeat("{a: ", 10000), "nesting is deeper than 64 levels"},
		{"deep block nesting", strings.Repeat("- ", 100_000) + "x", "nesting is deeper than 64 levels"},
		{"deep indentation", deepIndent(500), "nesting is deeper than 64 levels"},
		{"wide mapping", wideMapping(70_000), "file is too complex"},
		{"wide mapping under the mark limit", manyFieldsLong(60_000), "a mapping has more than 100 fields"},
		{"huge flow list", "[" + strings.Repeat("a,", 500_000) + "]", "file is too complex"},
		{"non-UTF-8", strings.Repeat("routines: []\n", 1000) + "\xc3\x28", "not valid UTF-8"},
		{"a few thousand steps", "routines:\n  - id: r\n    name: R\n    soreness: [fresh]\n    steps:\n" + steps, "at most 200 steps; this one has 5000"},
		{"many duplicate ids", "routines:\n" + strings.Repeat("  - {id: r, name: R, soreness: [fresh], steps: [{do: hydrate, for: 20s}]}\n", 1900), "is already defined at line 2"},
		{"long escape-laden name", "routines:\n  - id: r\n    name: \"" + strings.Repeat("\\e[2J", 150_000) + "x\"\n", "routines[0].soreness: required field is missing"},
	}
}

func deepIndent(n int) string {
	var b strings.Builder
	for i := range n {
		b.WriteString(strings.Repeat(" ", i) + "a:\n")
	}
	return b.String()
}

// wideMapping is a mapping of n fields, each an empty list.
func wideMapping(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "k%d: []\n", i)
	}
	return b.String()
}

// manyFieldsLong is a mapping of n fields with long names: few marks, so
// only the per-mapping limit stops it.
func manyFieldsLong(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "field_with_a_long_name_%d: 1\n", i)
		if b.Len() > MaxFileBytes-100 {
			break
		}
	}
	return b.String()
}

// TestHostileInputs: each hostile file is refused with a clear problem and
// without allocating much: allocation is the measure that does not move
// with the machine's load (BenchmarkHostile times them).
func TestHostileInputs(t *testing.T) {
	for _, c := range hostileInputs() {
		t.Run(c.name, func(t *testing.T) {
			if len(c.src) > MaxFileBytes {
				t.Fatalf("input is %d bytes, over the file limit", len(c.src))
			}
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			f, err := Parse("hostile.yaml", []byte(c.src), "hostile.yaml")
			runtime.ReadMemStats(&after)
			if f != nil || err == nil {
				t.Fatal("hostile file accepted")
			}
			ps := strictyaml.AsProblems(err)
			if len(ps) == 0 || !strings.Contains(ps[0].Error(), c.msg) {
				t.Errorf("problems %v, want the first to say %q", ps, c.msg)
			}
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 512<<20 {
				t.Errorf("allocated %d MiB", alloc>>20)
			}
		})
	}
}

// TestAliasesRefusedBeforeParsing: the billion-laughs file is refused from
// its tokens, before any tree is built or alias expanded: refusing it
// costs about as much as reading its few hundred bytes.
func TestAliasesRefusedBeforeParsing(t *testing.T) {
	src := hostileInputs()[0].src
	if len(src) > 1000 {
		t.Fatalf("billion laughs is %d bytes", len(src))
	}
	allocs := testing.AllocsPerRun(10, func() {
		if _, err := Parse("laughs.yaml", []byte(src), "laughs.yaml"); err == nil {
			t.Fatal("accepted")
		}
	})
	// Expanding it would mean 10^9 strings; tokenizing a few hundred bytes
	// takes a few thousand allocations.
	if allocs > 20_000 {
		t.Errorf("%v allocations to refuse a %d-byte file", allocs, len(src))
	}
	_, err := Parse("laughs.yaml", []byte(src), "laughs.yaml")
	ps := strictyaml.AsProblems(err)
	// 9 anchors and 8 x 9 aliases, each reported: MaxProblems and the rest counted.
	if len(ps) != MaxProblems+1 || ps[MaxProblems].Msg != "and 31 more problems; fix the ones above first" {
		t.Errorf("got %d problems, last %v", len(ps), ps[len(ps)-1])
	}
	if ps[0].Line != 1 || ps[0].Col != 4 {
		t.Errorf("first problem at %d:%d, want 1:4 (the first anchor)", ps[0].Line, ps[0].Col)
	}
}

func BenchmarkHostile(b *testing.B) {
	for _, c := range hostileInputs() {
		data := []byte(c.src)
		b.Run(strings.ReplaceAll(c.name, " ", "-"), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if _, err := Parse("hostile.yaml", data, "hostile.yaml"); err == nil {
					b.Fatal("accepted")
				}
			}
		})
	}
}

func BenchmarkParseBuiltin(b *testing.B) {
	files, err := BuiltinFiles()
	if err != nil {
		b.Fatal(err)
	}
	data := files["data/catalogue.yaml"]
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Parse("catalogue.yaml", data, BuiltIn); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if _, _, err := LoadFiles(nil); err != nil {
			b.Fatal(err)
		}
	}
}

// TestOversizeRefusedUnread: Parse refuses more than MaxFileBytes outright,
// and Load does not even read a larger file to the end.
func TestOversizeRefusedUnread(t *testing.T) {
	big := []byte(strings.Repeat("[", MaxFileBytes+1))
	allocs := testing.AllocsPerRun(5, func() {
		_, err := Parse("big.yaml", big, "big.yaml")
		if ps := strictyaml.AsProblems(err); len(ps) != 1 || ps[0].Line != 0 || !strings.Contains(ps[0].Msg, "at most 1048576 (1 MiB)") {
			t.Fatalf("problems %v", ps)
		}
	})
	if allocs > 10 {
		t.Errorf("%v allocations to refuse an oversize file", allocs)
	}
	dir := t.TempDir()
	p := testfiles.Write(t, filepath.Join(dir, "big.yaml"), "")
	if err := os.Truncate(p, 1<<40); err != nil { // a sparse terabyte
		t.Skipf("cannot make a sparse file: %v", err)
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, problems, err := Load(dir)
	runtime.ReadMemStats(&after)
	if err != nil || len(problems) != 1 || !strings.Contains(problems[0].Msg, "routine files may be at most") {
		t.Errorf("Load: %v %v", err, problems)
	}
	// Reading any of the terabyte would allocate it: the built-in data is
	// a few MiB.
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 64<<20 {
		t.Errorf("Load allocated %d MiB beside a sparse terabyte", alloc>>20)
	}
}
