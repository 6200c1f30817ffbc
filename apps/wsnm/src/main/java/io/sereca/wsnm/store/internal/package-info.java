/** Internals of the record store: the database url and the JDBC table. */
package io.sereca.wsnm.store.internal;
