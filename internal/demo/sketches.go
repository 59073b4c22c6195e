package demo

// Sketches are whiteboard notes a doctor draws on the prescription sketchpad (60×16
// cells) to explain a plan to the patient: when to take what, how a dose tapers, where
// it hurts. The demo puts one on some prescriptions, so the sketch shows on the doctor's
// screen, the patient's and the printout.
var Sketches = []string{
	`   MORNING          AFTERNOON         NIGHT
  +--------+       +--------+       +--------+
  |  (1)   |       |        |       |  (1)   |
  | after  |       |        |       | after  |
  | food   |       |        |       | food   |
  +--------+       +--------+       +--------+
       \________ 5 days, then stop ______/

  Drink water: ~~~ 8 glasses ~~~`,
	`  dose
   |
 3 |####
 2 |    ####
 1 |        ####
 0 +------------####--------> days
    1-3  4-6  7-9   10: stop

  Do not stop all at once.`,
	`        .---.
       (     )      pain here: X
        '---'
         /|\         worse on climbing stairs
        / | \
          |          ice 15 min, twice a day
         / \
     X  /   \        review in 2 weeks
       /     \`,
	`  BP diary (write twice daily)
  date    morning     evening
  ------  ---------   ---------
  Mon     ___/___     ___/___
  Tue     ___/___     ___/___
  Wed     ___/___     ___/___

  bring this at the next visit ->`,
}

// SketchFor picks the sketch of the n-th prescription, or "" for most: about one in
// six has one. It draws nothing from a generator, so adding sketches changes no other
// part of the clinic.
func SketchFor(n int64) string {
	if n%6 != 1 {
		return ""
	}
	return Sketches[(n/6)%int64(len(Sketches))]
}
