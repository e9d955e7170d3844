// A counting semaphore per process: at most `size` pieces of one kind of work at once (image
// decodes, pushes), the rest waiting their turn in the order they came.
import { processSingleton } from './singletons';

export function semaphore(name: string, size: number): <T>(work: () => Promise<T>) => Promise<T> {
  const gate = () => processSingleton(`semaphore:${name}`, () => ({ active: 0, waiting: [] as (() => void)[] }));
  return async (work) => {
    const g = gate();
    if (g.active < size) g.active++;
    else await new Promise<void>((resolve) => g.waiting.push(resolve));
    try {
      return await work();
    } finally {
      const next = g.waiting.shift();
      if (next) next();
      else g.active--;
    }
  };
}
