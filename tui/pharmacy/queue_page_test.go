package pharmacy_test

import (
	"strings"
	"testing"

	"github.com/clinicdesk/clinicdesk/tui/common"
	"github.com/clinicdesk/clinicdesk/tui/pharmacy"
)

// The queue reads a page at a time and the next one as the cursor nears the last row
// read; a prescription submitted meanwhile reloads it with the cursor where it was.
func TestQueueReadsTheNextPageAsTheCursorNearsTheEnd(t *testing.T) {
	t.Parallel()
	c := newClinic(t)
	item := c.item("Amoxicillin", false, 0, 25)
	c.receive(item, "B-1", 500, 50)
	var codes []string
	for range 8 {
		_, code := c.prescribe(amoxicillin(item, 10))
		codes = append(codes, code)
	}
	paged := func(cm *common.Common) common.Screen {
		q := pharmacy.NewQueue(cm)
		pharmacy.SetQueuePage(q, 3)
		return q
	}
	// Three rows on screen: the first page and the one after it are read.
	p, _ := start(t, c, paged, 100, 7)
	screen := p.WaitFor("The oldest 6 waiting; more follow as you scroll", codes[0], codes[2])
	if strings.Contains(screen, codes[3]) {
		t.Fatalf("a row below the screen is drawn:\n%s", screen)
	}
	p.Key("down")
	p.Key("down")
	p.Key("down") // the fourth row: the last read is within a screen, so the rest is read
	p.WaitFor("8 waiting, oldest first", codes[3])
	p.Type("G")
	p.WaitFor(codes[7])

	_, late := c.prescribe(amoxicillin(item, 10))
	screen = p.WaitFor("9 waiting, oldest first")
	if !strings.Contains(screen, codes[7]) || strings.Contains(screen, codes[4]) {
		t.Fatalf("the reload moved the cursor off %s:\n%s", codes[7], screen)
	}
	p.Key("down")
	p.WaitFor(late)
}
