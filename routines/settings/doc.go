// Package settings reads cooldown's settings file,
// $XDG_CONFIG_HOME/cooldown/config.yaml (usually ~/.config/cooldown/config.yaml).
//
// The file is optional, and so is every key in it: a setting the file does
// not give keeps its default, and a command-line flag overrides the file. An
// empty file, or one with only comments, means "all defaults".
//
// The file is read as strictly as a routine file. An unknown key, a value of
// the wrong type, a bad or out-of-range duration, a key given twice, YAML
// anchors and aliases, and text that is not UTF-8 are all errors that name
// file:line:col and the key, and every problem in the file is reported at
// once.
//
// The file with every setting at its default:
//
//	sound: true          # terminal bell at each cue
//	voice: false         # speak the cues
//	voice_command: ""    # "" = the first found of say, spd-say, espeak-ng
//	auto_advance: true   # move on to the next step by itself
//	get_ready: 10s       # countdown before each step, 0s to 60s
//	switch_gap: 10s      # pause to change sides, 0s to 30s
//	units: ml            # ml or floz
//	breathing: slow      # slow, box, box-3 or sigh
//	breathing_bell: false # a bell at each change of the breathing pacer
//	figure: pose         # pose, bodymap or none
//	theme: auto          # auto, light or dark
//	kit: all             # what you have: none, all, or a list such as [roller, strap]
//
// The settings:
//
//   - sound: true or false; default true. Ring the terminal bell at each
//     cue: get ready, switch sides, step done.
//   - voice: true or false; default false. Speak each cue ("Switch sides.")
//     with the program named by voice_command.
//   - voice_command: the program that speaks; default "" (empty), which means
//     the first of say, spd-say and espeak-ng that is installed. Otherwise a
//     program name or path, optionally followed by arguments, e.g.
//     "espeak-ng -s 150". It is split on spaces and run directly, not
//     through a shell, with the text to speak added as the last argument, so
//     quotes, $, |, ;, &, <, > and ` are not allowed. At most 256 characters.
//   - auto_advance: true or false; default true. Move on to the next step
//     when a hold ends. With false, cooldown waits for a key between steps.
//   - get_ready: a duration from 0s to 60s; default 10s. The countdown before
//     each step to get into position (5 s more before a foam-roll step, to
//     get onto the roller); 0s turns it off. Write whole seconds
//     as 10s, 1m or a bare number of seconds (10).
//   - switch_gap: a duration from 0s to 30s; default 10s. The pause between
//     the left and right side (and between reps) of a per-side exercise.
//     Written like get_ready.
//   - units: ml or floz; default ml. How the hydration step gives the amount
//     to drink: millilitres (ml) or US fluid ounces (floz). Exactly these
//     two spellings; "fl oz", "oz" and the like are errors that suggest
//     floz.
//   - breathing: slow, box, box-3 or sigh; default slow. The pattern the
//     breathing pacer runs on breathing steps that do not name their own:
//     slow is in 4 s, out 6 s; box is in, hold, out, hold, 4 s each (box-3
//     the same with 3 s); sigh is in 2 s, a second short breath in 1 s,
//     out 6 s. A routine step or exercise that names a pattern keeps it.
//   - breathing_bell: true or false; default false. Ring one bell at each
//     change of the breathing pacer (in, hold, out), when sound is on.
//   - theme: auto, light or dark; default auto. The palette: auto follows
//     the terminal's background as it answers the question for it; light
//     and dark force one, for terminals that answer wrongly or not at all.
//   - figure: pose, bodymap or none; default pose. What the session screen
//     shows beside the countdown: the exercise's stick figure (the body map
//     for an exercise without one), the body map of the areas it works, or
//     neither. The f key switches between them during a session.
//   - kit: what you have to hand, as a list of roller (foam roller), gun
//     (massage gun), ball (massage or tennis ball), strap (strap, belt or
//     towel), chair (sturdy, no wheels), step (low step or stair) and pad
//     (knee pad or cushion); "none" for no equipment, "all" for everything.
//     A floor to lie on and a wall to hold are assumed unless the list says
//     no-floor or no-wall. Not set, routines run as written and the picker
//     asks once; steps that need what you lack become their stand-ins (a
//     massage gun or ball for the roller, a chair version for a floor
//     stretch) or are left out, with a note. The picker's g key and the
//     --kit flag change it.
package settings
