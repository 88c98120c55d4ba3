// Command bench measures the real cooldown binary in a pseudo-terminal:
// how fast the first frame comes, what a hold, a step change, a get-ready
// and the breathing pacer cost (bytes written against the floor of what
// changed, CPU, wake-ups) at 80×24, 100×24 and 120×40, how long list, show,
// validate and plan take, peak memory, how close each segment ends to its deadline on
// screen (and, on a sped-up clock, at the end of a 30-minute routine), and whether the
// terminal is restored. It is a benchmark, not a
// test: it prints a table and fails only if it cannot measure.
//
//	go run ./tui/bench                 # build ./, 2 runs at each size side by side (about 4 minutes)
//	go run ./tui/bench -runs 3         # more runs at each size
//	go run ./tui/bench -sizes 80x24    # only some sizes
//	go run ./tui/bench -bin ./old      # measure another build, e.g. an older commit
//	go run ./tui/bench -runs 0         # only the first frame (20 starts, seconds)
//	go run ./tui/bench -v -trace       # progress, and every chunk of output with its time
//	go run ./tui/bench -load 2         # with 2 CPU burners running throughout
//	go run ./tui/bench -long=false     # without the 30-minute routine on a 20× clock
//
// The method and its error are described in README.md ("Performance").
package main
