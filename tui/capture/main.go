// Command capture makes the README's picture of a session from a real run:
// it builds cooldown, runs `cooldown start quick-10-lower` in an 80×24
// pseudo-terminal (the one the end-to-end tests use) with fresh folders and
// the default settings, skips the easy movement with n, waits until 8
// seconds into the left side of the first stretch, and writes that screen as text into README.md (the block
// after "This is the session screen") and as an SVG picture.
//
//	go run ./tui/capture            # from the repository's root
//
// Run it again whenever a screen changes.
package main

import (
	"errors"
	"flag"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/cooldown-app/cooldown/tui/ptytest"
)

func main() {
	readme := flag.String("readme", "README.md", "the README to write the text capture into")
	svg := flag.String("svg", filepath.Join("tui", "capture", "session.svg"), "the SVG picture to write")
	flag.Parse()
	if err := run(*readme, *svg); err != nil {
		fmt.Fprintln(os.Stderr, "capture:", err)
		os.Exit(1)
	}
}

func run(readmePath, svgPath string) error {
	dir, err := os.MkdirTemp("", "cooldown-capture-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	bin, err := ptytest.Build(filepath.Join(dir, "bin"))
	if err != nil {
		return err
	}
	sb, err := ptytest.NewSandbox(filepath.Join(dir, "sandbox"), "")
	if err != nil {
		return err
	}
	t, err := ptytest.Start(bin, sb, ptytest.Options{Cols: 80, Rows: 24}, "start", "quick-10-lower")
	if err != nil {
		return err
	}
	defer t.Kill()
	holding := func(s string) bool { return strings.Contains(s, "HOLD") && strings.Contains(s, "LEFT SIDE") }
	// n skips the easy movement (and starts each step's hold at once)
	// until the first stretch holds its left side.
	for tries := 0; !holding(t.Screen()); tries++ {
		if tries > 60 {
			return errors.New("no stretch came:\n" + t.Dump())
		}
		if _, err := t.Send("n"); err != nil {
			return err
		}
		_, _ = t.WaitFor("a step", time.Second, func(s string) bool { return holding(s) })
	}
	time.Sleep(8 * time.Second)
	screen := t.Screen()
	if !holding(screen) {
		return errors.New("the hold ended before the capture:\n" + screen)
	}
	lines := trimLines(screen)
	if err := writeReadme(readmePath, lines); err != nil {
		return err
	}
	if err := os.WriteFile(svgPath, []byte(renderSVG(lines, 80, 24)), 0o644); err != nil {
		return err
	}
	fmt.Printf("wrote the capture into %s and %s\n", readmePath, svgPath)
	return nil
}

// trimLines is the screen's rows without trailing spaces.
func trimLines(screen string) []string {
	lines := strings.Split(strings.TrimRight(screen, "\n"), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return lines
}

// readmeOpening starts the paragraph the capture block follows.
const readmeOpening = "This is the session screen at 80×24"

// writeReadme replaces the code block after the capture's paragraph.
func writeReadme(path string, lines []string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	out, err := replaceBlock(string(data), lines)
	if err != nil {
		return err
	}
	return os.WriteFile(path, []byte(out), 0o644)
}

// replaceBlock puts lines in the first ``` block after readmeOpening.
func replaceBlock(text string, lines []string) (string, error) {
	i := strings.Index(text, readmeOpening)
	if i < 0 {
		return "", fmt.Errorf("no paragraph starting %q", readmeOpening)
	}
	open := strings.Index(text[i:], "```\n")
	if open < 0 {
		return "", errors.New("no code block after the capture's paragraph")
	}
	start := i + open + len("```\n")
	end := strings.Index(text[start:], "```\n")
	if end < 0 {
		return "", errors.New("the capture's code block does not end")
	}
	return text[:start] + strings.Join(lines, "\n") + "\n" + text[start+end:], nil
}

// renderSVG draws the text screen as a terminal window: a dark
// background and the rows in a monospace font, one cell 8.4×17 px.
func renderSVG(lines []string, cols, rows int) string {
	const cw, ch, pad = 8.4, 17.0, 12.0
	w, h := float64(cols)*cw+2*pad, float64(rows)*ch+2*pad
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%.0f" height="%.0f" viewBox="0 0 %.0f %.0f">`+"\n", w, h, w, h)
	fmt.Fprintf(&b, `<rect width="100%%" height="100%%" rx="8" fill="#1e1e2e"/>`+"\n")
	b.WriteString(`<g font-family="ui-monospace,Menlo,Consolas,'DejaVu Sans Mono',monospace" font-size="14" fill="#e0e0e0" xml:space="preserve">` + "\n")
	for i, l := range lines {
		if l == "" {
			continue
		}
		digits := strings.ContainsAny(l, "█▀▄") && !strings.Contains(l, "░")
		// Braille dots are drawn one cell each: a font's braille glyphs
		// (often from a fallback font) need not be as wide as its letters,
		// and a run of them would put the figure's dots in the wrong cells.
		col := 0
		for _, run := range cellRuns(l) {
			n := len([]rune(run))
			if strings.TrimSpace(run) != "" {
				fill := ""
				if digits && strings.ContainsAny(run, "█▀▄") {
					fill = ` fill="#5fd7af"` // the digits, in the app's accent
				}
				fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" textLength="%.1f"%s>%s</text>`+"\n",
					pad+float64(col)*cw, pad+float64(i)*ch+ch*0.8, float64(n)*cw, fill, html.EscapeString(run))
			}
			col += n
		}
	}
	b.WriteString("</g>\n</svg>\n")
	return b.String()
}

// cellRuns splits a row into runs of ordinary text and single braille
// cells, in order; joined they are the row.
func cellRuns(l string) []string {
	var runs []string
	var cur strings.Builder
	for _, r := range l {
		if r >= 0x2800 && r <= 0x28FF {
			if cur.Len() > 0 {
				runs = append(runs, cur.String())
				cur.Reset()
			}
			runs = append(runs, string(r))
			continue
		}
		cur.WriteRune(r)
	}
	if cur.Len() > 0 {
		runs = append(runs, cur.String())
	}
	return runs
}
