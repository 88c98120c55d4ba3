package cli

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// fitCell is a table cell at exactly width cells: cut with "…" when too
// long, padded with spaces on the right (or on the left, for numbers, when
// right is set). Every table the commands print lays its cells out here.
func fitCell(cell string, width int, right bool) string {
	if ansi.StringWidth(cell) > width {
		cell = ansi.Truncate(cell, width, "…")
	}
	pad := strings.Repeat(" ", max(width-ansi.StringWidth(cell), 0))
	if right {
		return pad + cell
	}
	return cell + pad
}
