package main

import (
	"os"
	"strings"
	"testing"
)

func TestRenderSVG(t *testing.T) {
	svg := renderSVG([]string{" Quick <lower> & more", "", "  ████"}, 80, 24)
	if !strings.HasPrefix(svg, "<svg ") || !strings.HasSuffix(svg, "</svg>\n") {
		t.Fatalf("not an SVG document:\n%s", svg)
	}
	if !strings.Contains(svg, "Quick &lt;lower&gt; &amp; more") {
		t.Error("text is not escaped")
	}
	// Braille cells are placed one by one, in their own cells.
	fig := renderSVG([]string{"ab⣿⡇c"}, 80, 24)
	for _, want := range []string{`<text x="12.0" y="25.6" textLength="16.8">ab</text>`, `<text x="28.8" y="25.6" textLength="8.4">⣿</text>`,
		`<text x="37.2" y="25.6" textLength="8.4">⡇</text>`, `<text x="45.6" y="25.6" textLength="8.4">c</text>`} {
		if !strings.Contains(fig, want) {
			t.Errorf("want %s in:\n%s", want, fig)
		}
	}
	if strings.Count(svg, "<text ") != 2 {
		t.Errorf("want a text element per non-empty row:\n%s", svg)
	}
}

func TestReplaceBlock(t *testing.T) {
	in := "# x\n\nThis is the session screen at 80×24, from a run:\n\n```\nold\nlines\n```\n\nmore\n"
	out, err := replaceBlock(in, []string{"new", "screen"})
	if err != nil {
		t.Fatal(err)
	}
	if want := "# x\n\nThis is the session screen at 80×24, from a run:\n\n```\nnew\nscreen\n```\n\nmore\n"; out != want {
		t.Errorf("got\n%s", out)
	}
	if _, err := replaceBlock("no such paragraph", nil); err == nil {
		t.Error("a README without the paragraph was accepted")
	}
}

// The README points at the picture the tool writes, and it is there.
func TestReadmeShowsThePicture(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(readme), "](tui/capture/session.svg)") || !strings.Contains(string(readme), "go run ./tui/capture") {
		t.Error("the README does not show tui/capture/session.svg or say how it is made")
	}
	if data, err := os.ReadFile("session.svg"); err != nil || !strings.HasPrefix(string(data), "<svg ") {
		t.Errorf("session.svg: %v", err)
	}
}
