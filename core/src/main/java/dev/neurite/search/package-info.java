/**
 * Hyper-parameter search: a {@link dev.neurite.search.ParameterSpace} of named parameters, each
 * with a {@link dev.neurite.search.Distribution} of values, parsed from a compact text form; the
 * {@link dev.neurite.search.Candidate}s to try come from {@link dev.neurite.search.GridSearch}
 * (every combination) or {@link dev.neurite.search.RandomSearch} (seeded draws).
 * {@link dev.neurite.search.HyperparameterSearch} evaluates each candidate and ranks them by one
 * metric into {@link dev.neurite.search.SearchResults}, one {@link dev.neurite.search.SearchResult}
 * per candidate, best first and diverged runs last.
 */
package dev.neurite.search;
