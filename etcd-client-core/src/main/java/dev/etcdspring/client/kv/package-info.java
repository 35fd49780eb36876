/**
 * Key-value API: reads, puts, deletes, transactions.
 */
@NullMarked
package dev.etcdspring.client.kv;

import org.jspecify.annotations.NullMarked;
