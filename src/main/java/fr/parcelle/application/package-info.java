/**
 * Use cases: transactions, authorisation by function and by file, and the calls to the domain and
 * its ports. Resources and BPMN delegates call these and nothing deeper.
 */
package fr.parcelle.application;
