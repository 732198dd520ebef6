// Lockdep keys (__key.N, several in one function) renumbered by a new one: paired by position.
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/spinlock.h>
#include <linux/mutex.h>
struct lk_pair {
	spinlock_t a;
	struct mutex b;
};

void lk_init(struct lk_pair *p)
{
	spin_lock_init(&p->a);
	mutex_init(&p->b);
}

void lk_other(struct lk_pair *p)
{
	spin_lock_init(&p->a);
	mutex_init(&p->b);
}
