import MarkdownIt from 'markdown-it';
import { MessageFormat } from './message.entity';

/**
 * The Markdown subset messages may use, rendered by markdown-it from its `zero` preset with only these
 * rules on. Raw HTML is never passed through (`html: false` escapes it), and markdown-it's link check
 * refuses `javascript:`, `vbscript:`, `file:` and `data:` targets; images are off, so a message cannot
 * make a reader's client fetch anything.
 */
const markdown = new MarkdownIt('zero', { html: false, linkify: false, breaks: true })
  .enable(['paragraph', 'newline', 'escape', 'entity', 'backticks', 'emphasis', 'list', 'link']);

// links open outside the reader's feed and tell the target nothing about it
const defaultLinkOpen = markdown.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
markdown.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const href = String(tokens[idx].attrGet('href') ?? '');
  if (!/^(https?:\/\/|\/(?!\/))/i.test(href)) tokens[idx].attrSet('href', '#');
  tokens[idx].attrSet('rel', 'noopener noreferrer nofollow');
  return defaultLinkOpen(tokens, idx, options, env, self);
};

/** HTML that is safe to insert into a page: plain text escaped with line breaks kept, or the Markdown subset. */
export function renderBody(body: string, format: MessageFormat): string {
  if (format === MessageFormat.MARKDOWN) return markdown.render(body).trimEnd();
  const escaped = markdown.utils.escapeHtml(body);
  return `<p>${escaped.replace(/\r?\n/g, '<br>\n')}</p>`;
}
