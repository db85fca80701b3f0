/** The rules of délais read from the DMN tables of {@code bpmn/} by Camunda's DMN engine. */
package fr.parcelle.infrastructure.delais;
