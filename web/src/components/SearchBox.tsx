import { useState, type FormEvent } from 'react';
import { navigate } from '../hooks/useRoute';
import { href } from '../routes';

/** The one search box: subject keys, prediction ids, models, datasets, features, IONs. */
export function SearchBox({ initial = '' }: { initial?: string }) {
  const [text, setText] = useState(initial);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (text.trim()) navigate(href.search(text.trim()));
  };
  return (
    <form className="search" role="search" onSubmit={submit}>
      <label htmlFor="search-input" className="visually-hidden">
        Search
      </label>
      <input
        id="search-input"
        type="search"
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder="Subject (patient-000123), prediction id, model, dataset, feature, ION…"
        autoComplete="off"
      />
      <button type="submit">Search</button>
    </form>
  );
}
