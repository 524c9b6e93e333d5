import { z } from 'zod';
import { defineTool, ToolError } from '../../../engine/tools/define-tool.ts';

// A tiny recursive-descent evaluator for + - * / and parentheses: `eval` would run arbitrary code.
function evaluate(expression: string): number {
  let position = 0;
  const peek = () => expression[position];
  const skip = () => { while (peek() === ' ') position++; };
  function number(): number {
    skip();
    if (peek() === '(') { position++; const value = sum(); skip(); if (peek() !== ')') throw new ToolError('unbalanced parentheses'); position++; return value; }
    if (peek() === '-') { position++; return -number(); }
    const match = /^\d+(?:\.\d+)?/.exec(expression.slice(position));
    if (!match) throw new ToolError('invalid expression');
    position += match[0].length;
    return Number(match[0]);
  }
  function product(): number {
    let value = number();
    for (skip(); peek() === '*' || peek() === '/'; skip()) {
      const operator = expression[position++];
      const right = number();
      value = operator === '*' ? value * right : value / right;
    }
    return value;
  }
  function sum(): number {
    let value = product();
    for (skip(); peek() === '+' || peek() === '-'; skip()) {
      const operator = expression[position++];
      const right = product();
      value = operator === '+' ? value + right : value - right;
    }
    return value;
  }
  const value = sum();
  skip();
  if (position !== expression.length) throw new ToolError('invalid expression');
  if (!Number.isFinite(value)) throw new ToolError('the result is not a finite number');
  return value;
}

export const calculate = defineTool({
  name: 'calculate',
  description: 'Calculate the result of a mathematical expression with numbers, + - * / and parentheses.',
  input: z.object({ expression: z.string().trim().min(1).max(200).regex(/^[\d+\-*/(). ]+$/, 'only digits, + - * / ( ) . and spaces') }),
  write: false,
  execute({ expression }) {
    return Math.round(evaluate(expression) * 100) / 100;
  },
});
