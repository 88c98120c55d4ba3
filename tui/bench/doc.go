// Command bench measures the real cooldown binary in a pseudo-terminal:
// how fast the first frame comes, what a hold costs (bytes written, CPU,
// wake-ups), peak memory, how close each segment ends to its deadline on
// screen, and whether the terminal is restored. It is a benchmark, not a
// test: it prints a table and fails only if it cannot measure.
//
//	go run ./tui/bench                 # build ./ and run it 3 times (about 4 minutes)
//	go run ./tui/bench -runs 5         # more runs (they run side by side)
//	go run ./tui/bench -bin ./old      # measure another build, e.g. an older commit
//	go run ./tui/bench -runs 0         # only the first frame (20 starts, seconds)
//	go run ./tui/bench -v -trace       # progress, and every chunk of output with its time
//
// The method and its error are described in README.md ("Performance").
package main
