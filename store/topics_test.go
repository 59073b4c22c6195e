package store

import "testing"

// Every table of a fresh database has a topic, so a table added to the schema cannot
// be forgotten: its changes would reach screens only as TopicAny. (FTS5's shadow tables
// are written only through their virtual table, which has a topic.)
func TestEveryTableHasATopic(t *testing.T) {
	t.Parallel()
	s := newTestStore(t)
	rows, err := s.readers.Query(`SELECT name FROM sqlite_schema
		WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
		  AND name NOT IN (SELECT name FROM pragma_table_list WHERE type = 'shadow')`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	inSchema := map[string]bool{}
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			t.Fatal(err)
		}
		inSchema[name] = true
		if _, ok := tableTopics[name]; !ok {
			t.Errorf("table %s has no topic in tableTopics", name)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if len(inSchema) < 30 {
		t.Fatalf("read %d tables from sqlite_schema; the query misses tables", len(inSchema))
	}
	for table := range tableTopics {
		if !inSchema[table] && table != TableAny && table != SessionTable {
			t.Errorf("tableTopics names %s, which is no table of the schema", table)
		}
	}
}

// TopicAccounts promises that an event's RowID is a user id: that holds only while the
// users table is the topic's one table.
func TestAccountEventsAreUsersRows(t *testing.T) {
	t.Parallel()
	for table, topic := range tableTopics {
		if (topic == TopicAccounts) != (table == "users") {
			t.Errorf("table %s has topic %s", table, topic)
		}
	}
}

func TestEventsCarryTheirTopic(t *testing.T) {
	t.Parallel()
	s := newTestStore(t)
	events, unsubscribe := s.Subscribe()
	defer unsubscribe()
	u := mustUser(t, s, RoleDoctor, "dora@clinic.test", "Dora Doctor")
	batch := <-events
	topics := map[Topic]bool{}
	for _, e := range batch {
		if e.Topic != topicOf(e.Table) {
			t.Errorf("event of %s has topic %s", e.Table, e.Topic)
		}
		if e.Topic == TopicAccounts && e.RowID != u.ID {
			t.Errorf("account event's RowID %d, want the user id %d", e.RowID, u.ID)
		}
		topics[e.Topic] = true
	}
	if !topics[TopicAccounts] || !topics[TopicStaff] {
		t.Errorf("creating a doctor announced topics %v, want accounts and staff", topics)
	}
	if !Touches(batch, TopicStaff) || Touches(batch, TopicInventory) {
		t.Error("Touches does not match the batch's topics")
	}
	if !Touches([]Event{newEvent(TableAny, 0, "UPDATE")}, TopicInventory) {
		t.Error("another process's commit does not touch every topic")
	}
	if topicOf("a_table_nobody_mapped") != TopicAny {
		t.Error("a table with no topic is not announced as TopicAny")
	}
}
