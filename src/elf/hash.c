/* String-keyed chained hash table for the ELF model; see hash.h. It grows by doubling so lookups stay
 * O(1) on objects with tens of thousands of symbols. */
#include "elf/hash.h"

#include <stdlib.h>
#include <string.h>

struct elf_hash_node {
	const char *key;
	void *value;
	struct elf_hash_node *next;
};

static size_t hash_string(const char *s)
{
	size_t h = 5381;

	while (*s)
		h = h * 33 + (unsigned char)*s++;
	return h;
}

static int grow(struct elf_hash *h)
{
	size_t n = h->nr_buckets ? h->nr_buckets * 2 : 256;
	struct elf_hash_node **b = calloc(n, sizeof(*b));

	if (!b)
		return -1;
	for (size_t i = 0; i < h->nr_buckets; i++) {
		struct elf_hash_node *node = h->buckets[i], *next;

		/* Reinsert at each chain's tail end in order, so the first-added stays first. */
		for (; node; node = next) {
			struct elf_hash_node **slot = &b[hash_string(node->key) % n];

			next = node->next;
			while (*slot)
				slot = &(*slot)->next;
			node->next = NULL;
			*slot = node;
		}
	}
	free(h->buckets);
	h->buckets = b;
	h->nr_buckets = n;
	return 0;
}

int elf_hash_add(struct elf_hash *h, const char *key, void *value)
{
	struct elf_hash_node *node, **slot;

	if (h->count >= h->nr_buckets && grow(h) < 0)
		return -1;
	node = malloc(sizeof(*node));
	if (!node)
		return -1;
	node->key = key;
	node->value = value;
	node->next = NULL;
	slot = &h->buckets[hash_string(key) % h->nr_buckets];
	while (*slot)
		slot = &(*slot)->next;
	*slot = node;
	h->count++;
	return 0;
}

void *elf_hash_get(const struct elf_hash *h, const char *key)
{
	struct elf_hash_node *node;

	if (!h->nr_buckets)
		return NULL;
	for (node = h->buckets[hash_string(key) % h->nr_buckets]; node; node = node->next)
		if (!strcmp(node->key, key))
			return node->value;
	return NULL;
}

void elf_hash_free(struct elf_hash *h)
{
	for (size_t i = 0; i < h->nr_buckets; i++) {
		struct elf_hash_node *node = h->buckets[i], *next;

		for (; node; node = next) {
			next = node->next;
			free(node);
		}
	}
	free(h->buckets);
	memset(h, 0, sizeof(*h));
}
