// The residents' public ballot page (/phieu/<survey id>, the household code after '#ma=' when opened from the QR
// code on the ballot sheet). A page of its own, without the officers' app: plain DOM and the typed API client, so a
// slow phone downloads a few kilobytes. No account; the household code is the only proof, and every refusal of a
// code reads the same, so the page tells nothing about other households.
import createClient from 'openapi-fetch';
import type { components, paths } from '../api/schema';
import { formatDate, formatLastDay } from '../labels';
import './ballot.css';

type BallotForm = components['schemas']['BallotForm'];
type Answer = 'satisfied' | 'not-satisfied' | 'no-answer';

const api = createClient<paths>({ baseUrl: window.location.origin });
const main = document.getElementById('phieu')!;

const CHOICES: readonly [Answer, string][] = [
  ['satisfied', 'Hài lòng'],
  ['not-satisfied', 'Chưa hài lòng'],
  ['no-answer', 'Không có ý kiến'],
];

const MESSAGES = {
  notFound:
    'Không tìm thấy phiếu khảo sát này. Ông/bà vui lòng kiểm tra lại đường dẫn, hoặc quét lại mã QR trên phiếu.',
  closed: 'Đợt lấy ý kiến đã kết thúc, không nhận thêm phiếu. Cảm ơn ông/bà đã quan tâm.',
  notReady: 'Đợt lấy ý kiến chưa sẵn sàng nhận phiếu. Ông/bà vui lòng quay lại sau.',
  paperOnly:
    'Đợt lấy ý kiến này chỉ nhận phiếu giấy. Ông/bà điền phiếu và nộp cho Ban công tác Mặt trận thôn.',
  refused:
    'Không nhận được phiếu với mã hộ này: mã hộ không đúng, hoặc hộ đã gửi phiếu rồi (mỗi hộ chỉ gửi một phiếu). Ông/bà kiểm tra lại mã hộ in trên phiếu, hoặc liên hệ Ban công tác Mặt trận thôn.',
  tooMany: 'Ông/bà đã gửi quá nhiều lần. Vui lòng chờ ít phút rồi thử lại.',
  network: 'Không kết nối được máy chủ. Ông/bà kiểm tra kết nối mạng rồi bấm gửi lại.',
  failed: 'Chưa gửi được phiếu. Ông/bà vui lòng thử lại sau.',
  thanks: 'Phiếu của hộ đã được ghi nhận. Cảm ơn ông/bà đã tham gia ý kiến.',
} as const;

/** An element with its attributes and children. */
const el = <K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] => {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  node.append(...children);
  return node;
};

const show = (...children: Node[]) => main.replaceChildren(...children);

const notice = (kind: 'ok' | 'error', text: string) =>
  el('p', { class: `notice ${kind}`, role: kind === 'error' ? 'alert' : 'status' }, text);

const heading = (form?: BallotForm) =>
  el('h1', {}, form ? `Phiếu lấy ý kiến người dân ${form.communeName}` : 'Phiếu lấy ý kiến người dân');

/** The key of one ballot: a retry after a lost answer is the same ballot, acted on once. */
const newKey = (): string =>
  Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');

const questionFieldset = (id: string, text: string, overall: boolean) =>
  el(
    'fieldset',
    {},
    el('legend', {}, text),
    ...CHOICES.filter(([value]) => !(overall && value === 'no-answer')).map(([value, label]) =>
      el(
        'label',
        { class: 'choice' },
        el('input', { type: 'radio', name: id, value, ...(overall ? { required: '' } : {}) }),
        label,
      ),
    ),
  );

const ballotPage = (form: BallotForm, code: string) => {
  const questions = [
    { ...form.questions.overall, overall: true },
    ...form.questions.criteria.map((q) => ({ ...q, overall: false })),
  ];
  const codeInput = el('input', {
    type: 'text',
    id: 'ma-ho',
    name: 'household',
    required: '',
    maxlength: '100',
    autocomplete: 'off',
    autocapitalize: 'characters',
    'aria-describedby': 'ma-ho-goi-y',
  });
  codeInput.value = code;
  const status = el('div');
  const submit = el('button', { type: 'submit' }, 'Gửi phiếu');
  const element = el(
    'form',
    { novalidate: '' },
    el('label', { class: 'code', for: 'ma-ho' }, 'Mã hộ gia đình'),
    el(
      'p',
      { id: 'ma-ho-goi-y', class: 'hint' },
      'Mã hộ in trên phiếu Ban công tác Mặt trận thôn phát cho hộ.',
    ),
    codeInput,
    ...questions.map((q) => questionFieldset(q.id, q.text, q.overall)),
    el(
      'p',
      { class: 'hint' },
      'Câu hỏi chung phải chọn một ý kiến; các câu khác, nếu không chọn, được tính là không có ý kiến.',
    ),
    status,
    submit,
  );
  const key = newKey();
  element.addEventListener('submit', (event) => {
    event.preventDefault();
    const household = codeInput.value.trim();
    const data = new FormData(element);
    const answers = Object.fromEntries(
      questions.map((q) => [q.id, (data.get(q.id) as Answer | null) ?? 'no-answer']),
    );
    const missing = !household
      ? 'Ông/bà chưa nhập mã hộ gia đình.'
      : answers[form.questions.overall.id] === 'no-answer'
        ? `Ông/bà chưa chọn ý kiến cho câu hỏi: ${form.questions.overall.text}`
        : null;
    if (missing) {
      status.replaceChildren(notice('error', missing));
      return;
    }
    submit.disabled = true;
    submit.textContent = 'Đang gửi…';
    status.replaceChildren();
    void send(form, household, answers, key).then((refusal) => {
      if (refusal === null) return;
      status.replaceChildren(notice('error', refusal));
      submit.disabled = false;
      submit.textContent = 'Gửi phiếu';
    });
  });
  show(
    heading(form),
    el(
      'p',
      {},
      `Ban Thường trực Ủy ban Mặt trận Tổ quốc xã lấy ý kiến của các hộ về kết quả xây dựng nông thôn mới. Mỗi hộ gửi một phiếu, hạn đến hết ngày ${formatLastDay(form.period.closesAt)}. Phiếu không ghi tên người trả lời.`,
    ),
    element,
  );
};

/** Sends the ballot; null once it is recorded (the page then thanks), or the refusal to show. */
const send = async (
  form: BallotForm,
  household: string,
  answers: Record<string, Answer>,
  key: string,
): Promise<string | null> => {
  try {
    const { response } = await api.POST('/api/v1/surveys/{id}/ballots', {
      params: { path: { id: form.surveyId }, header: { 'Idempotency-Key': key } },
      body: { household, answers },
    });
    if (response.ok) {
      history.replaceState(null, '', window.location.pathname);
      show(heading(form), notice('ok', MESSAGES.thanks));
      return null;
    }
    if (response.status === 409) {
      show(heading(form), notice('error', MESSAGES.closed));
      return null;
    }
    if (response.status === 422) return MESSAGES.refused;
    if (response.status === 429) return MESSAGES.tooMany;
    return MESSAGES.failed;
  } catch {
    return MESSAGES.network;
  }
};

const start = async () => {
  const surveyId = window.location.pathname.split('/')[2] ?? '';
  const code = new URLSearchParams(window.location.hash.slice(1)).get('ma') ?? '';
  try {
    const { data, response } = await api.GET('/api/v1/surveys/{id}/ballot-form', {
      params: { path: { id: surveyId } },
    });
    if (!data) {
      show(heading(), notice('error', response.status < 500 ? MESSAGES.notFound : MESSAGES.failed));
      return;
    }
    if (data.state === 'open') ballotPage(data, code);
    else if (data.state === 'closed') show(heading(data), notice('error', MESSAGES.closed));
    else if (data.state === 'not-started')
      show(
        heading(data),
        notice('error', `Đợt lấy ý kiến bắt đầu nhận phiếu từ ngày ${formatDate(data.period.opensAt)}.`),
      );
    else if (data.state === 'paper-only') show(heading(data), notice('error', MESSAGES.paperOnly));
    else show(heading(data), notice('error', MESSAGES.notReady));
  } catch {
    show(heading(), notice('error', MESSAGES.network));
  }
};

void start();
