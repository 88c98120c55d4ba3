// Package ptytest runs the real cooldown binary in a pseudo-terminal, its
// output fed into an x/vt terminal emulator and read back as text: the one
// harness behind the end-to-end tests (tui/e2e) and the benchmark
// (tui/bench), so both see the app exactly as a person's terminal does.
//
//	sb, _ := ptytest.NewSandbox(dir, "get_ready: 1s\n") // fresh HOME and XDG folders
//	term, _ := ptytest.Start(bin, sb, ptytest.Options{Cols: 80, Rows: 24}, "start", "tiny")
//	screen, err := term.WaitFor("the hold", 10*time.Second, func(s string) bool { return strings.Contains(s, "LEFT SIDE") })
//	term.Send("q")
//	code, err := term.WaitExit(10 * time.Second)
//	problems := ptytest.Unrestored(term.Raw())
package ptytest
