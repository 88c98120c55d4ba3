// Package routines is everything cooldown knows: the model (exercises,
// routines, steps, soreness levels, body areas, timing), the embedded
// built-in catalogue and routines (data/), user routine files read through
// the strict reader (strictyaml), validation, selection by soreness, area
// and time, the plan builder and the after-session advice. It knows nothing
// of terminals and never reads the clock: time is passed in.
//
// Its sub-packages: session (a routine being run), history (routines done),
// settings (how the person likes them run), strictyaml (the one strict
// reader for YAML files), safefile (bounded reads of files a person can
// swap), testfiles (a test helper).
package routines
