package pharmacy

// SetQueuePage makes the queue read n rows at a time, so that tests page through a few.
func SetQueuePage(q *Queue, n int) { q.page = n }
